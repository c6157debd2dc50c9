namespace Supervisor.Worker.Logging;

/// <summary>
/// Raised when the worker receives USR1: code that writes log files closes and reopens them, so that
/// logrotate can move the old file away. Raised on a thread-pool thread.
/// </summary>
public sealed class LogReopenSignal
{
    /// <summary>Raised once per USR1 the worker receives; a handler must not throw.</summary>
    public event EventHandler? Requested;

    internal void Raise() => Requested?.Invoke(this, EventArgs.Empty);
}
