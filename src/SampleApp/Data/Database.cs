using Npgsql;

namespace SampleApp.Data;

/// <summary>
/// The app's one pooled data source, shared by every request of this worker process; absent when no
/// database is configured, so the endpoints that need none keep working.
/// </summary>
internal sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _dataSource;

    public Database(DatabaseSettings? settings)
    {
        // The slim builder leaves out the reflection-based type mappings (JSON POCOs, records): the app stays trimmable.
        _dataSource = settings is null ? null : new NpgsqlSlimDataSourceBuilder(settings.ConnectionString()).Build();
    }

    public bool IsConfigured => _dataSource is not null;

    /// <exception cref="DatabaseNotConfiguredException">No database was configured.</exception>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancel)
    {
        if (_dataSource is null)
        {
            throw new DatabaseNotConfiguredException();
        }

        return await _dataSource.OpenConnectionAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>True when PostgreSQL answers a query now (readiness), false when it does not or is not configured.</summary>
    public async Task<bool> AnswersAsync(CancellationToken cancel)
    {
        if (_dataSource is null)
        {
            return false;
        }

        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancel).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (DatabaseFailure.IsUnavailable(e))
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
}
