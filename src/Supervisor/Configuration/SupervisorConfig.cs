using Supervisor.Worker.Logging;

namespace Supervisor.Configuration;

/// <summary>The validated, effective configuration. Immutable: a reload builds a new one.</summary>
internal sealed record SupervisorConfig
{
    /// <summary>The config file this was read from, as the user named it; null when none was used.</summary>
    public string? ConfigFile { get; init; }

    public required IReadOnlyList<string> App { get; init; }

    public required int Workers { get; init; }

    public required IReadOnlyList<BindAddress> Bind { get; init; }

    public required int Timeout { get; init; }

    public required int GracefulTimeout { get; init; }

    public required int Backlog { get; init; }

    public required int MaxRequests { get; init; }

    public required int MaxRequestsJitter { get; init; }

    public required int KeepAlive { get; init; }

    public required LogLevelName LogLevel { get; init; }

    /// <summary>Absolute path, "-" for stdout, or null for no access log.</summary>
    public required string? AccessLog { get; init; }

    /// <summary>Absolute path, or "-" for stderr.</summary>
    public required string ErrorLog { get; init; }

    public required string AccessLogFormat { get; init; }

    public required LogFormat LogFormat { get; init; }

    /// <summary>Absolute path, or null for no pidfile.</summary>
    public required string? PidFile { get; init; }

    public required int LimitRequestLine { get; init; }

    public required int LimitRequestFields { get; init; }

    public required int LimitRequestFieldSize { get; init; }

    public ReloadStrategy ReloadStrategy { get; init; } = ReloadStrategy.All;

    /// <summary>The absolute folder workers run in; null for the master's working directory.</summary>
    public string? Chdir { get; init; }

    /// <summary>MiB of RSS past which a worker is recycled; 0 for no limit.</summary>
    public int MaxWorkerMemory { get; init; }

    /// <summary>Seconds after which a worker is recycled; 0 for no limit.</summary>
    public int MaxWorkerLifetime { get; init; }

    public int MaxWorkerLifetimeJitter { get; init; }

    /// <summary>Log the stuck worker's managed stacks before killing it.</summary>
    public bool TimeoutDump { get; init; }

    /// <summary>Seconds after which a running request is logged as slow (not killed); 0 for off.</summary>
    public int SlowRequestTimeout { get; init; }

    /// <summary>Where the master serves its health, metrics and status endpoint; null when off.</summary>
    public BindAddress? ControlBind { get; init; }

    public bool ControlAllowRemote { get; init; }

    /// <summary>The file holding the token the control endpoint requires; null when it requires none.</summary>
    public string? ControlTokenFile { get; init; }

    /// <summary>The user workers run as; null for the master's own.</summary>
    public string? User { get; init; }

    /// <summary>The group named in the configuration (the user's primary group); null when unset.</summary>
    public string? Group { get; init; }

    /// <summary>The uid and gid workers run with, when <see cref="User"/> is set.</summary>
    public (uint Uid, uint Gid)? WorkerOwner { get; init; }
}
