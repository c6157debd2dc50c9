namespace Supervisor.Configuration.Catalogue;

/// <summary>When a worker is replaced although nothing is wrong with it: after a quota of requests, memory or time.</summary>
internal static partial class Settings
{
    public static readonly Setting<int> MaxRequests = new()
    {
        Key = "max_requests",
        Section = RecyclingSection,
        Type = new WholeNumber(0, int.MaxValue).Type,
        Default = 0L,
        Help = "Recycle a worker after about this many requests. 0 turns recycling off.",
        Flag = "--max-requests",
        HelpName = "INT",
        // Workers are told their own quota, drawn with the jitter when each starts, not this value.
        Parse = value => value.Int(new WholeNumber(0, int.MaxValue, Note: "0 turns recycling off")),
    };

    public static readonly Setting<int> MaxRequestsJitter = new()
    {
        Key = "max_requests_jitter",
        Section = RecyclingSection,
        Type = "integer 0..max_requests",
        Default = 0L,
        Help = "Each worker's quota is drawn from [max_requests - jitter, max_requests + jitter] so workers do not recycle together.",
        Details = "Ignored when `max_requests` is 0, as Gunicorn does (`check --print` says so).",
        Flag = "--max-requests-jitter",
        HelpName = "INT",
        Parse = value => value.Int(new WholeNumber(0, int.MaxValue)),
    };

    private static readonly WholeNumber MemoryRange = new(0, 1024 * 1024, "MiB", "0 turns it off");

    public static readonly Setting<int> MaxWorkerMemory = new()
    {
        Key = "max_worker_memory",
        Section = RecyclingSection,
        Ours = true,
        Type = MemoryRange.Type,
        Default = 0L,
        Help = "Recycle a worker whose memory (RSS) passes this many MiB, replacement first. 0 turns it off.",
        Details = "Its replacement starts first, so no request fails.",
        Flag = "--max-worker-memory",
        HelpName = "MIB",
        Parse = value => value.Int(MemoryRange),
    };

    public static readonly Setting<int> MaxWorkerLifetime = new()
    {
        Key = "max_worker_lifetime",
        Section = RecyclingSection,
        Ours = true,
        Type = WholeNumber.Seconds().Type,
        Default = 0L,
        Help = "Recycle a worker after about this many seconds, replacement first. 0 turns it off.",
        Flag = "--max-worker-lifetime",
        HelpName = "SECONDS",
        Parse = value => value.Int(WholeNumber.Seconds("0 turns it off")),
    };

    public static readonly Setting<int> MaxWorkerLifetimeJitter = new()
    {
        Key = "max_worker_lifetime_jitter",
        Section = RecyclingSection,
        Ours = true,
        Type = "integer seconds, 0..max_worker_lifetime",
        Default = 0L,
        Help = "Each worker's lifetime is drawn from [lifetime - jitter, lifetime + jitter] so workers do not restart together.",
        Flag = "--max-worker-lifetime-jitter",
        HelpName = "SECONDS",
        Parse = value => value.Int(WholeNumber.Seconds()),
    };
}
