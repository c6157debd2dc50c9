namespace Supervisor.Worker.Protocol;

/// <summary>Process exit codes shared by the master and its workers (Gunicorn's numbers).</summary>
public static class ExitCodes
{
    /// <summary>Normal exit.</summary>
    public const int Ok = 0;

    /// <summary>Bad configuration or command line.</summary>
    public const int ConfigError = 1;

    /// <summary>A worker failed to boot; the master halts after repeated boot failures.</summary>
    public const int WorkerBootError = 3;

    /// <summary>The app could not be loaded (started) at all; the master halts at once.</summary>
    public const int AppLoadError = 4;

    /// <summary>Offset added to a signal number when a process dies of that signal (shell convention).</summary>
    public const int SignalBase = 128;
}
