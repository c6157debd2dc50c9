using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LoadClient;

/// <summary>The whole run's counts, and the one line that reports them.</summary>
internal sealed record RunResult(
    ClientMode Mode,
    int Clients,
    TimeSpan Elapsed,
    long Sent,
    long Ok,
    IReadOnlyDictionary<FailureKind, long> Failures,
    long IdleClosed,
    long Connections,
    double P50Ms,
    double P99Ms)
{
    public long Failed => Failures.Values.Sum();

    public static RunResult Merge(LoadSettings settings, TimeSpan elapsed, IReadOnlyList<ClientTally> tallies)
    {
        var latencies = tallies.SelectMany(t => t.Latencies).ToArray();
        Array.Sort(latencies);
        return new RunResult(
            settings.Mode,
            settings.Clients,
            elapsed,
            tallies.Sum(t => t.Sent),
            tallies.Sum(t => t.Ok),
            Enum.GetValues<FailureKind>().ToDictionary(kind => kind, kind => tallies.Sum(t => t[kind])),
            tallies.Sum(t => t.IdleClosed),
            tallies.Sum(t => t.Connections),
            Percentile(latencies, 50),
            Percentile(latencies, 99));
    }

    /// <summary>Tab-separated key=value pairs in a fixed order, for scripts; latencies are 0 when nothing was ok.</summary>
    public string ToLine()
    {
        var line = new StringBuilder("RESULT");
        Field(line, "mode", Mode == ClientMode.KeepAlive ? "keepalive" : "close");
        Field(line, "clients", Clients);
        Field(line, "seconds", Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture));
        Field(line, "sent", Sent);
        Field(line, "ok", Ok);
        Field(line, "failed", Failed);
        Field(line, "connect", Failures[FailureKind.Connect]);
        Field(line, "reset", Failures[FailureKind.Reset]);
        Field(line, "status", Failures[FailureKind.Status]);
        Field(line, "timeout", Failures[FailureKind.Timeout]);
        Field(line, "other", Failures[FailureKind.Other]);
        Field(line, "idle_closed", IdleClosed);
        Field(line, "connections", Connections);
        Field(line, "p50_ms", P50Ms.ToString("F2", CultureInfo.InvariantCulture));
        Field(line, "p99_ms", P99Ms.ToString("F2", CultureInfo.InvariantCulture));
        return line.ToString();
    }

    private static void Field(StringBuilder line, string key, string value) => line.Append('\t').Append(key).Append('=').Append(value);

    private static void Field(StringBuilder line, string key, long value) =>
        Field(line, key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The nearest-rank percentile of sorted Stopwatch tick counts, in milliseconds.</summary>
    private static double Percentile(long[] sorted, int percent)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Max(rank, 1) - 1] * 1000.0 / Stopwatch.Frequency;
    }
}
