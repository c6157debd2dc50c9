using System.Globalization;

namespace Integration.Support;

/// <summary>
/// The load client (bench/LoadClient) as a real process, and its RESULT line's fields, in order, with the client's
/// whole output for messages. Disposing kills the client if it still runs (an assertion failed meanwhile).
/// </summary>
public sealed class LoadClientRun : IAsyncDisposable
{
    private readonly OwnedProcess _process;
    private List<KeyValuePair<string, string>> _fields = [];
    private bool _disposed;

    private LoadClientRun(OwnedProcess process)
    {
        _process = process;
    }

    public string Output => _process.Output;

    public IReadOnlyList<string> Keys => _fields.Select(f => f.Key).ToList();

    public long this[string key] => long.Parse(Text(key), CultureInfo.InvariantCulture);

    public static LoadClientRun Start(string url, string mode, int clients, string duration, string timeout = "5", bool verbose = false)
    {
        string[] arguments =
        [
            "--url", url, "--mode", mode, "--clients", clients.ToString(CultureInfo.InvariantCulture),
            "--duration", duration, "--timeout", timeout, .. verbose ? ["--verbose"] : Array.Empty<string>(),
        ];
        return new LoadClientRun(OwnedProcess.Start(Binaries.LoadClient, arguments));
    }

    /// <summary>Waits for the run to end (its duration, plus a margin) and reads its RESULT line.</summary>
    public async Task<LoadClientRun> FinishAsync()
    {
        int exitCode;
        try
        {
            exitCode = await _process.WaitForExitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        finally
        {
            await DisposeAsync().ConfigureAwait(false); // it has exited, or it is stopped here
        }

        Assert.True(exitCode == 0, _process.Output);
        var results = _process.Lines.Where(l => l.StartsWith("RESULT\t", StringComparison.Ordinal)).ToList();
        Assert.True(results.Count == 1, _process.Output);
        _fields = results[0].Split('\t').Skip(1)
            .Select(field => field.Split('=', 2)).Select(pair => KeyValuePair.Create(pair[0], pair[1])).ToList();
        return this;
    }

    public double Number(string key) => double.Parse(Text(key), CultureInfo.InvariantCulture);

    public string Text(string key) => _fields.Single(f => f.Key == key).Value;

    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _process.DisposeAsync().ConfigureAwait(false);
        }
    }
}
