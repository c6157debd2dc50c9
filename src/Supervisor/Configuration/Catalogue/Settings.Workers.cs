using Supervisor.Configuration.Values;

namespace Supervisor.Configuration.Catalogue;

/// <summary>How many workers run, how long they may be silent, and how they are replaced.</summary>
internal static partial class Settings
{
    /// <summary>Workers the scoreboard has room for, with a whole second generation during a reload.</summary>
    public const int MaxWorkers = 1000;

    public static readonly Setting<int> Workers = new()
    {
        Key = "workers",
        Section = WorkerSection,
        GunicornDifference = "It also takes \"auto\": 2 x CPUs + 1.",
        Type = $"integer 1..{MaxWorkers}, or \"auto\"",
        Default = 1L,
        DefaultNote = "`$WEB_CONCURRENCY` when set",
        Help = "Number of worker processes. \"auto\" means 2 x CPUs + 1, counting the CPUs the container may use.",
        Flag = "--workers",
        ShortFlag = "-w",
        HelpName = "INT|auto",
        Unset = 1,
        Parse = ReadWorkers,
    };

    public static readonly Setting<int> WorkerConnections = new()
    {
        Key = "worker_connections",
        Section = WorkerSection,
        Type = new WholeNumber(0, int.MaxValue).Type,
        Default = (long)Worker.Protocol.WorkerContract.DefaultWorkerConnections,
        Help = "The most connections a worker holds open at once; past it the worker accepts no more until one closes, and the next waits in the shared queue for any worker. 0: no limit.",
        GunicornDifference = "It applies to every worker (Gunicorn's only to gthread and gevent), and 0 turns it off.",
        Flag = "--worker-connections",
        HelpName = "INT",
        Parse = value => value.Int(new WholeNumber(0, int.MaxValue, Note: "0 turns the limit off")),
        Worker = (contract, connections) => contract with { WorkerConnections = connections },
    };

    public static readonly Setting<int> Timeout = new()
    {
        Key = "timeout",
        Section = WorkerSection,
        GunicornDifference = "It also limits one request: a worker that holds a request longer is killed, and the request is named.",
        Type = WholeNumber.Seconds().Type,
        Default = 30L,
        Help = "Kill a worker that is silent, or holds one request, longer than this. 0 turns it off.",
        Details = "The kill is logged as `WORKER TIMEOUT (pid:N)` with the request the worker held.",
        Flag = "--timeout",
        ShortFlag = "-t",
        HelpName = "SECONDS",
        Parse = value => value.Int(WholeNumber.Seconds("0 turns it off")),
    };

    public static readonly Setting<int> GracefulTimeout = new()
    {
        Key = "graceful_timeout",
        Section = WorkerSection,
        Type = WholeNumber.Seconds().Type,
        Default = 30L,
        Help = "Time a stopping worker has to finish its in-flight requests before it is killed.",
        Flag = "--graceful-timeout",
        HelpName = "SECONDS",
        Parse = value => value.Int(WholeNumber.Seconds()),
        Worker = (contract, seconds) => contract with { GracefulTimeout = TimeSpan.FromSeconds(seconds) },
    };

    public static readonly Setting<int> KeepAlive = new()
    {
        Key = "keepalive",
        Section = WorkerSection,
        Type = WholeNumber.Seconds().Type,
        Default = 2L,
        Help = "Seconds an idle keep-alive connection is held open. 0 closes every connection after its response.",
        Details = "Behind nginx with upstream keep-alive, set it above nginx's `keepalive_timeout` for the upstream.",
        Flag = "--keep-alive",
        HelpName = "SECONDS",
        Parse = value => value.Int(WholeNumber.Seconds()),
        Worker = (contract, seconds) => contract with { KeepAlive = TimeSpan.FromSeconds(seconds) },
    };

    public static readonly Setting<ReloadStrategy> ReloadStrategy = new()
    {
        Key = "reload_strategy",
        Section = WorkerSection,
        Ours = true,
        Type = "\"all\" or \"rolling\"",
        Default = "all",
        Help = "How HUP replaces workers: the whole new generation at once, or one at a time (at most workers + 1 processes).",
        Details = "`all` is Gunicorn's way.",
        Flag = "--reload-strategy",
        HelpName = "all|rolling",
        Parse = value => value.Choice(Values.ReloadStrategy.All),
    };

    public static readonly Setting<bool> TimeoutDump = new()
    {
        Key = "timeout_dump",
        Section = WorkerSection,
        Ours = true,
        Type = "boolean",
        Default = false,
        Help = "Before killing a timed-out worker, log the managed stack of its threads (where it was stuck).",
        Flag = "--timeout-dump",
        HelpName = "true|false",
        Parse = value => value.Bool(),
    };

    public static readonly Setting<int> SlowRequestTimeout = new()
    {
        Key = "slow_request_timeout",
        Section = WorkerSection,
        Ours = true,
        Type = WholeNumber.Seconds().Type,
        Default = 0L,
        Help = "Log a request that runs longer than this, once, with the worker's stacks when it is a JIT worker; it is not killed. 0 turns it off.",
        Details = "The line reads `SLOW REQUEST (pid:N) GET /path running 5.0s from CLIENT`; at most 5 reports a minute.",
        Flag = "--slow-request-timeout",
        HelpName = "SECONDS",
        Parse = value => value.Int(WholeNumber.Seconds("0 turns it off")),
    };

    private static int ReadWorkers(ValueReader value)
    {
        if (value.Raw.Value is string text && text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return Math.Min(MaxWorkers, (2 * value.ProcessorCount) + 1);
        }

        if (ValueReader.AsLong(value.Raw) is { } number && number >= 1 && number <= MaxWorkers)
        {
            return (int)number;
        }

        value.Invalid($"an integer from 1 to {MaxWorkers}, or \"auto\" (2 x CPUs + 1)");
        return 1;
    }
}
