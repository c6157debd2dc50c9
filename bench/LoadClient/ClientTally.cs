namespace LoadClient;

/// <summary>One client's counts and latencies; only its own thread writes them, and only after it ends are they read.</summary>
internal sealed class ClientTally
{
    private readonly long[] _failures = new long[Enum.GetValues<FailureKind>().Length];

    /// <summary>Requests written: attempts that got as far as sending.</summary>
    public long Sent { get; set; }

    public long Ok { get; set; }

    /// <summary>Reused connections the server closed before any byte of the next response; not failures.</summary>
    public long IdleClosed { get; set; }

    public long Connections { get; set; }

    /// <summary>Stopwatch ticks from the start of each ok attempt to the end of its response.</summary>
    public List<long> Latencies { get; } = new(capacity: 1 << 16);

    public long this[FailureKind kind] => _failures[(int)kind];

    public void Fail(FailureKind kind) => _failures[(int)kind]++;
}
