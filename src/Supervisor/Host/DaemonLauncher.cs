using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Master;
using Supervisor.Master.Listeners;
using Supervisor.Platform;
using Supervisor.Worker.Protocol;

namespace Supervisor.Host;

/// <summary>
/// <c>supervisor run -D</c> in the foreground: starts the same command again as a <see cref="DaemonChild"/>, in the
/// same folder (relative paths resolve as they would here), shows what it logs until its workers are READY and then
/// returns 0; when it stops before that, says so and returns its exit code. Nothing is left running but a master
/// whose workers serve.
/// </summary>
internal static class DaemonLauncher
{
    /// <summary>How long a master whose workers never boot may take to give up (it halts after this many boot failures).</summary>
    private const int BootDeadlines = Arbiter.MaxBootFailures;

    /// <summary>Binding retries, the back-off between boot failures, on_starting: on top of the boot deadlines.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);

    /// <summary>The deadline when timeout = 0 leaves workers unbounded: Gunicorn's default timeout.</summary>
    private const int UnboundedTimeout = 30;

    public static int Run(SupervisorConfig config, TextWriter error)
    {
        if (Refusal() is { } refusal)
        {
            error.WriteLine(refusal);
            return ExitCodes.ConfigError;
        }

        // Interrupted before the workers are READY (Ctrl-C, a closed terminal): the master, in a session of its own
        // by now, would otherwise come up unseen; it is stopped instead. Registered first, so no moment is missed.
        Process? started = null;
        var interrupted = false;
        void Interrupt(PosixSignalContext context)
        {
            context.Cancel = true;
            Volatile.Write(ref interrupted, true);
            Stop(Volatile.Read(ref started));
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Interrupt);
        using var master = Process.Start(MasterStart())!;
        Volatile.Write(ref started, master);
        if (Volatile.Read(ref interrupted))
        {
            Stop(master);
        }

        var relay = Task.Run(() => RelayUntilReady(master.StandardError, error));
        var deadline = Deadline(config);
        if (!relay.Wait(deadline))
        {
            StopOrKill(master, config);
            error.WriteLine($"Error: the master (pid {master.Id}) had no READY workers after {Seconds(deadline)} and was stopped.{WhereToLook(config)}");
            return ExitCodes.ConfigError;
        }

        if (relay.Result)
        {
            return ExitCodes.Ok;
        }

        // Its stderr closed without READY: the master is exiting.
        master.WaitForExit();
        var code = master.ExitCode == ExitCodes.Ok ? ExitCodes.ConfigError : master.ExitCode;
        error.WriteLine($"Error: the master (pid {master.Id}) exited with code {master.ExitCode} before its workers were ready; nothing was left running.{WhereToLook(config)}");
        return code;
    }

    /// <summary>
    /// The same executable and arguments, in the same folder; its stderr comes here. The switch stays on its command
    /// line, as ps shows Gunicorn's: the variable tells it that it is the one to detach.
    /// </summary>
    private static ProcessStartInfo MasterStart()
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!)
        {
            UseShellExecute = false,
            WorkingDirectory = Environment.CurrentDirectory,
            RedirectStandardError = true,
        };
        foreach (var argument in OwnCommandLine.Read().Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment[DaemonVariables.Detach] = "1";
        return info;
    }

    /// <summary>TERM, so the workers drain and the master's files are removed; a kill of the whole tree if that hangs.</summary>
    private static void StopOrKill(Process master, SupervisorConfig config)
    {
        Stop(master);
        if (!master.WaitForExit(Waitable(TimeSpan.FromSeconds((double)config.Get(Settings.GracefulTimeout) + 10))))
        {
            master.Kill(entireProcessTree: true);
            master.WaitForExit();
        }
    }

    /// <summary>Where systemd runs the master, it must stay the process systemd started and watches.</summary>
    private static string? Refusal()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ServiceNotifier.SocketVariable)))
        {
            return "Error: daemon (-D) cannot be used under systemd (NOTIFY_SOCKET is set): a Type=notify service runs the master in the foreground, and systemd follows it there. Remove -D (or daemon = true).";
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(SocketActivation.FdsVariable)))
        {
            return "Error: daemon (-D) cannot be used with socket activation (LISTEN_FDS is set): systemd hands its sockets to the process it started, which must stay in the foreground. Remove -D (or daemon = true).";
        }

        return null;
    }

    /// <summary>True at READY; false when the master's stderr closed first.</summary>
    private static bool RelayUntilReady(StreamReader from, TextWriter to)
    {
        while (from.ReadLine() is { } line)
        {
            if (line == DaemonChild.ReadyLine)
            {
                return true;
            }

            to.WriteLine(line);
        }

        return false;
    }

    /// <summary>How long run -D waits for READY: every boot deadline the master allows before it halts, and a minute more.</summary>
    internal static TimeSpan Deadline(SupervisorConfig config)
    {
        var timeout = config.Get(Settings.Timeout) is > 0 and var seconds ? seconds : UnboundedTimeout;
        return Waitable(TimeSpan.FromSeconds((double)timeout * BootDeadlines) + Margin);
    }

    /// <summary>The longest wait a process handle or an event takes (about 24.8 days): a longer one would throw.</summary>
    internal static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    private static TimeSpan Waitable(TimeSpan wait) => wait < LongestWait ? wait : LongestWait;

    private static string WhereToLook(SupervisorConfig config) =>
        config.Get(Settings.ErrorLog) is { } log and not "-" ? $" Its error log {log} says why." : "";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";

    private static void Stop(Process? master)
    {
        if (master is not null)
        {
            Libc.Kill(master.Id, Libc.SIGTERM, out _);
        }
    }
}
