using Npgsql;
using SampleApp.Data;

namespace SampleApp.Commands;

/// <summary>
/// <c>SampleApp migrate [--timeout SECONDS]</c>: applies the SQL scripts embedded under Migrations/, in
/// name order, each once and in its own transaction, recorded in the table <c>schemaversions</c> (<see cref="MigrationRunner"/>).
/// Waits (up to the timeout) until PostgreSQL accepts queries, since an open port is not yet a ready
/// database, and holds an advisory lock so replicas starting together migrate one at a time.
/// </summary>
internal static class MigrateCommand
{
    public const string Name = "migrate";
    public const int DefaultTimeoutSeconds = 60;

    /// <summary>Any fixed number, shared by every replica: the key of the session-level advisory lock.</summary>
    private const long LockKey = 7_245_912_001;

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var timeout = CommandOptions.Parse(Name, args, ["--timeout"]).Seconds(Name, "--timeout", DefaultTimeoutSeconds);
        DatabaseSettings? settings;
        try
        {
            settings = DatabaseSettings.FromEnvironment(Environment.GetEnvironmentVariable);
        }
        catch (DatabaseSettingsException e)
        {
            await error.WriteLineAsync($"{Name}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        if (settings is null)
        {
            await error.WriteLineAsync($"{Name}: {DatabaseSettings.NotConfiguredMessage}").ConfigureAwait(false);
            return 1;
        }

        // The slim builder, as the app's own data source: the full type mapping would be in every worker's executable.
        await using var dataSource = new NpgsqlSlimDataSourceBuilder(settings.ConnectionString(maxPoolSize: 2)).Build();
        await output.WriteLineAsync($"{Name}: waiting for PostgreSQL at {settings.Description} to accept queries (up to {timeout.TotalSeconds:0} s).").ConfigureAwait(false);
        await using var connection = await ConnectAsync(dataSource, settings, timeout, error).ConfigureAwait(false);
        if (connection is null)
        {
            return 1;
        }

        // The scripts run on the connection that holds the lock.
        await LockAsync(connection, output).ConfigureAwait(false);
        var result = await new MigrationRunner(typeof(MigrateCommand).Assembly).RunAsync(connection).ConfigureAwait(false);
        return await ReportAsync(result, output, error).ConfigureAwait(false);
    }

    private static async Task<NpgsqlConnection?> ConnectAsync(NpgsqlDataSource dataSource, DatabaseSettings settings, TimeSpan timeout, TextWriter error)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var connection = dataSource.CreateConnection();
            try
            {
                await connection.OpenAsync().ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync().ConfigureAwait(false);
                return connection;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                if (e is PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification })
                {
                    // Waiting does not fix a wrong password.
                    await error.WriteLineAsync($"{Name}: PostgreSQL at {settings.Description} refused the login of '{settings.User}': {e.Message}. Check DATABASE_USER and DATABASE_PASSWORD.").ConfigureAwait(false);
                    return null;
                }

                if (DateTime.UtcNow + RetryInterval > deadline)
                {
                    await error.WriteLineAsync(
                        $"{Name}: PostgreSQL at {settings.Description} did not accept queries within {timeout.TotalSeconds:0} s (last error: {e.Message}). " +
                        "Check that it is running and that the DATABASE_* variables point to it.").ConfigureAwait(false);
                    return null;
                }

                await Task.Delay(RetryInterval).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Session-level: held until the connection closes, so even a crashed migrate releases it.</summary>
    private static async Task LockAsync(NpgsqlConnection connection, TextWriter output)
    {
        await using var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", connection);
        if (await tryLock.ExecuteScalarAsync().ConfigureAwait(false) is true)
        {
            return;
        }

        await output.WriteLineAsync($"{Name}: another migrate is running; waiting for it to finish.").ConfigureAwait(false);
        await using var waitLock = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection) { CommandTimeout = 0 };
        await waitLock.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task<int> ReportAsync(MigrationResult result, TextWriter output, TextWriter error)
    {
        if (!result.Successful)
        {
            var script = result.FailedScript ?? "the migration journal";
            await error.WriteLineAsync(
                $"{Name}: {ShortName(script)} failed: {result.Error}. That script was rolled back and no later script ran; fix it and run migrate again.").ConfigureAwait(false);
            return 1;
        }

        var applied = result.Applied.Select(ShortName).ToList();
        await output.WriteLineAsync(applied.Count == 0
            ? $"{Name}: the database is up to date; no script to apply."
            : $"{Name}: applied {applied.Count} script{(applied.Count == 1 ? "" : "s")}: {string.Join(", ", applied)}.").ConfigureAwait(false);
        return 0;
    }

    /// <summary>The file name without the resource prefix: what the developer sees in Migrations/.</summary>
    private static string ShortName(string resource) =>
        resource.StartsWith(MigrationRunner.ResourcePrefix, StringComparison.Ordinal) ? resource[MigrationRunner.ResourcePrefix.Length..] : resource;
}
