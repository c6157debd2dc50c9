using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Supervisor.Host;

/// <summary>
/// systemd's notification protocol (sd_notify) for a <c>Type=notify</c> service: datagrams of <c>NAME=value</c>
/// lines to the socket in <c>NOTIFY_SOCKET</c>. A dozen lines of our own rather than Microsoft.Extensions.Hosting
/// .Systemd, whose notifier needs the Generic Host and sends only READY and STOPPING: the master also reports
/// reloads, its worker count, a new main pid after a binary upgrade and watchdog pings. Without
/// <c>NOTIFY_SOCKET</c> every call does nothing.
/// </summary>
internal sealed class ServiceNotifier : IDisposable
{
    public const string SocketVariable = "NOTIFY_SOCKET";
    public const string WatchdogVariable = "WATCHDOG_USEC";
    public const string WatchdogPidVariable = "WATCHDOG_PID";

    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _target;
    private long _lastPingMs = long.MinValue / 2;

    private ServiceNotifier(string? path, long watchdogUsec)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        // An abstract socket is written with a leading '@' and addressed with a leading NUL.
        _target = new UnixDomainSocketEndPoint(path[0] == '@' ? "\0" + path[1..] : path);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        WatchdogIntervalMs = watchdogUsec > 0 ? Math.Max(1, watchdogUsec / 1000 / 2) : 0;
    }

    public bool Enabled => _socket is not null;

    /// <summary>Half of WATCHDOG_USEC, as sd_watchdog_enabled advises; 0 when systemd watches nothing.</summary>
    public long WatchdogIntervalMs { get; }

    /// <summary>From the environment this process was started with.</summary>
    public static ServiceNotifier FromEnvironment()
    {
        var watchdogPid = Environment.GetEnvironmentVariable(WatchdogPidVariable);
        var forUs = string.IsNullOrEmpty(watchdogPid) || watchdogPid == Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var usec = forUs && long.TryParse(Environment.GetEnvironmentVariable(WatchdogVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
        return new ServiceNotifier(Environment.GetEnvironmentVariable(SocketVariable), usec);
    }

    public static ServiceNotifier For(string? path, long watchdogUsec = 0) => new(path, watchdogUsec);

    /// <summary>The workers are READY: the service has started, or a reload has finished.</summary>
    public void Ready(int workers) => Send($"READY=1\nSTATUS={Status(workers)}");

    /// <summary>A reload began (HUP); systemd wants the monotonic clock with it.</summary>
    public void Reloading() =>
        Send($"RELOADING=1\nMONOTONIC_USEC={(Environment.TickCount64 * 1000).ToString(CultureInfo.InvariantCulture)}");

    public void Stopping() => Send("STOPPING=1");

    public void WorkerCount(int workers) => Send($"STATUS={Status(workers)}");

    /// <summary>After a binary upgrade this process is the service's main process.</summary>
    public void MainPid(int pid) => Send($"MAINPID={pid.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Pings the watchdog when half its interval has passed; called from the master's loop, so a hung loop stops the pings.</summary>
    public void Watchdog(long nowMs)
    {
        if (WatchdogIntervalMs == 0 || nowMs - _lastPingMs < WatchdogIntervalMs)
        {
            return;
        }

        _lastPingMs = nowMs;
        Send("WATCHDOG=1");
    }

    public void Dispose() => _socket?.Dispose();

    private static string Status(int workers) =>
        workers == 1 ? "1 worker ready" : workers.ToString(CultureInfo.InvariantCulture) + " workers ready";

    private void Send(string message)
    {
        if (_socket is null)
        {
            return;
        }

        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(message), _target!);
        }
        catch (SocketException)
        {
            // systemd went away or never listened: the service runs all the same, as with sd_notify.
        }
    }
}
