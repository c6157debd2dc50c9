using System.Diagnostics;
using System.Globalization;

namespace LoadClient;

/// <summary>With --verbose, one line on stderr per failure, to see when and how a run's failures happened.</summary>
internal sealed class FailureLog(TextWriter error, long startedAt)
{
    private readonly Lock _lock = new();

    public void Write(int client, FailureKind kind, string message)
    {
        var seconds = Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
        var line = string.Create(CultureInfo.InvariantCulture, $"loadclient: {seconds:F3}s client {client} {Key(kind)}: {message}");
        lock (_lock)
        {
            error.WriteLine(line);
        }
    }

    /// <summary>The kind as the result line names it.</summary>
    public static string Key(FailureKind kind) => kind switch
    {
        FailureKind.Connect => "connect",
        FailureKind.Reset => "reset",
        FailureKind.Status => "status",
        FailureKind.Timeout => "timeout",
        _ => "other",
    };
}
