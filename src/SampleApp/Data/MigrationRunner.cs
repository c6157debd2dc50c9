using System.Reflection;
using Npgsql;

namespace SampleApp.Data;

/// <summary>
/// Applies the SQL scripts embedded under Migrations/, in name order, each once and in its own transaction together
/// with its row in the journal table, so a script that fails leaves neither its changes nor its row. The journal keeps
/// the layout DbUp gives it (<c>schemaversions</c>: id, scriptname, applied; scripts named by their resource name), so
/// a database migrated by an earlier version keeps its history. Written here rather than taken from a migration
/// library because the command lives in the app's executable: such a library, and the full Npgsql type mapping it
/// brings, would be mapped and rehydrated by every worker for a command that runs once per deploy.
/// </summary>
internal sealed class MigrationRunner
{
    public const string JournalTable = "schemaversions";
    public const string ResourcePrefix = "SampleApp.Migrations.";

    private const string CreateJournal =
        $"CREATE TABLE IF NOT EXISTS public.{JournalTable} (schemaversionsid serial NOT NULL, scriptname character varying(255) NOT NULL, " +
        $"applied timestamp without time zone NOT NULL, CONSTRAINT pk_{JournalTable}_id PRIMARY KEY (schemaversionsid))";

    private readonly Assembly _assembly;

    public MigrationRunner(Assembly assembly) => _assembly = assembly;

    /// <summary>The embedded scripts by resource name, in the order they apply.</summary>
    public IReadOnlyList<string> Scripts() =>
        _assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Applies what the journal does not list, stopping at the first script that fails.</summary>
    public async Task<MigrationResult> RunAsync(NpgsqlConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        HashSet<string> done;
        try
        {
            done = await AppliedAsync(connection).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            return new MigrationResult([], Error: e.Message);
        }

        var applied = new List<string>();
        foreach (var script in Scripts().Where(script => !done.Contains(script)))
        {
            try
            {
                await ApplyAsync(connection, script).ConfigureAwait(false);
            }
            catch (NpgsqlException e)
            {
                return new MigrationResult(applied, script, e.Message);
            }

            applied.Add(script);
        }

        return new MigrationResult(applied);
    }

    private static async Task<HashSet<string>> AppliedAsync(NpgsqlConnection connection)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('public.{JournalTable}') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync().ConfigureAwait(false) is not true)
        {
            return done;
        }

        await using var read = new NpgsqlCommand($"SELECT scriptname FROM public.{JournalTable}", connection);
        await using var reader = await read.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            done.Add(reader.GetString(0));
        }

        return done;
    }

    /// <summary>The journal is created in the first script's transaction: if that script fails, no journal remains.</summary>
    private async Task ApplyAsync(NpgsqlConnection connection, string script)
    {
        string sql;
        await using (var stream = _assembly.GetManifestResourceStream(script)!)
        {
            using var reader = new StreamReader(stream);
            sql = await reader.ReadToEndAsync().ConfigureAwait(false);
        }

        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var create = new NpgsqlCommand(CreateJournal, connection, transaction))
        {
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await using (var run = new NpgsqlCommand(sql, connection, transaction))
        {
            await run.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await using (var record = new NpgsqlCommand(
            $"INSERT INTO public.{JournalTable} (scriptname, applied) VALUES ($1, now() AT TIME ZONE 'UTC')", connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script });
            await record.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }
}
