using System.Diagnostics;
using System.Globalization;

namespace LoadClient;

/// <summary>
/// With --verbose, one line on stderr per failed attempt and per idle close, to see when and how they happened:
/// a worker killed mid-request on a reused connection also reads as an idle close, and the time tells them apart.
/// </summary>
internal sealed class AttemptLog(TextWriter error, long startedAt)
{
    private readonly Lock _lock = new();

    public void Failure(int client, FailureKind kind, string message) => Write(client, Key(kind), message);

    public void IdleClosed(int client, string message) => Write(client, "idle_closed", message);

    /// <summary>The kind as the result line names it.</summary>
    private static string Key(FailureKind kind) => kind switch
    {
        FailureKind.Connect => "connect",
        FailureKind.Reset => "reset",
        FailureKind.Status => "status",
        FailureKind.Timeout => "timeout",
        _ => "other",
    };

    private void Write(int client, string kind, string message)
    {
        var seconds = Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
        var line = string.Create(CultureInfo.InvariantCulture, $"loadclient: {seconds:F3}s client {client} {kind}: {message}");
        lock (_lock)
        {
            error.WriteLine(line);
        }
    }
}
