using System.Globalization;
using Supervisor.Status;

namespace Supervisor.Commands.Control;

/// <summary>
/// Everything the control commands tell the user, in one place. Each error says what went wrong, which
/// file or process it concerns, and what to do next.
/// </summary>
internal static class ControlMessages
{
    public static string NoPidFileConfigured(string? configFile) => configFile is null
        ? $"No pidfile is set, so the master cannot be found: there is no -p and no config file (./{Configuration.ConfigLoader.DefaultConfigFile} does not exist). Give the pidfile with -p FILE, or a config file that sets pidfile with -c FILE."
        : $"No pidfile is set, so the master cannot be found: {configFile} has no pidfile setting. Give the pidfile with -p FILE, or set pidfile in the config file (pidfile = \"/run/supervisor.pid\").";

    public static string ConfigProblems(int count) =>
        $"The configuration has {Plural(count, "problem")}, so the master's pidfile is unknown. Fix it, or give the pidfile with -p FILE.";

    public static string PidFileMissing(string path) =>
        $"No master is running: the pidfile {path} does not exist. Start the master with 'supervisor run', or give the pidfile it writes with -p FILE.";

    public static string PidFileIsDirectory(string path) =>
        $"Cannot read the pidfile {path}: it is a directory. Give the pidfile itself with -p FILE.";

    public static string PidFileDenied(string path) =>
        $"Cannot read the pidfile {path}: permission denied. {StatusMessages.AsOwner}";

    public static string PidFileUnreadable(string path, string reason) =>
        $"Cannot read the pidfile {path}: {reason}";

    public static string PidFileGarbage(string path, string content) =>
        $"The pidfile {path} does not hold a process id: {(content.Length == 0 ? "it is empty" : $"it contains \"{content}\"")}. Remove the file if no master is running, or give the master's pidfile with -p FILE.";

    public static string MasterNotRunning(string path, int pid) =>
        $"No master is running: the pidfile {path} names pid {pid}, which is not running. Remove the file, or start the master with 'supervisor run'.";

    public static string NotTheMaster(string path, int pid, string? name) =>
        $"The pidfile {path} names pid {pid}{(name is null ? "" : $" ({name})")}, which is not the master that wrote it: a master holds its pidfile open while it runs, and this process does not. Nothing was sent to it. Remove the file if no master is running, or give the running master's pidfile with -p FILE.";

    public static string MasterUncheckable(string path, int pid) =>
        $"Cannot check that pid {pid}, named by the pidfile {path}, is the master that wrote it: its open files cannot be read (permission denied). Nothing was sent to it. {StatusMessages.AsOwner}";

    public static string SignalDenied(ControlSignal signal, int pid) =>
        $"Cannot send {signal.Name} to the master (pid {pid}): permission denied. {StatusMessages.AsOwner}";

    public static string SignalFailed(ControlSignal signal, int pid, int errno) =>
        $"Cannot send {signal.Name} to the master (pid {pid}): the system refused with errno {errno}.";

    public static string Reloading(int pid) => $"Sent HUP to the master (pid {pid}): reloading.";

    public static string ReloadAccepted(int pid) =>
        $"The master (pid {pid}) accepted the configuration; its new workers replace the old ones as they become ready.";

    public static string ReloadRefused(int pid, IReadOnlyList<string> reasons) =>
        string.Join('\n', [$"The master (pid {pid}) refused the configuration and keeps running the previous one:", .. reasons.Select(r => "  " + r), "Fix the configuration ('supervisor check' lists its problems) and reload again."]);

    public static string ReloadUnanswered(int pid, string path, TimeSpan waited) =>
        $"The master (pid {pid}) did not say within {Seconds(waited)} whether it accepted the configuration (it writes its answer to {path}). See its log for what happened; wait longer with --timeout SECONDS.";

    public static string Stopping(ControlSignal signal, int pid) => signal == ControlSignal.Quit
        ? $"Sent QUIT to the master (pid {pid}): stopping now."
        : $"Sent TERM to the master (pid {pid}): stopping gracefully.";

    public static string Stopped(int pid) => $"The master (pid {pid}) has stopped.";

    public static string StillRunning(ControlSignal signal, int pid, TimeSpan waited) => signal == ControlSignal.Quit
        ? $"The master (pid {pid}) is still running {Seconds(waited)} after QUIT. See its log for why; 'kill -KILL {pid}' ends it at once."
        : $"The master (pid {pid}) is still running {Seconds(waited)} after TERM: its workers may still be finishing requests (up to graceful_timeout). Wait longer with --timeout SECONDS, or stop it at once with 'supervisor stop --quick'.";

    public static string ScaleNotAChange(string text) =>
        $"'{text}' is not a change in the number of workers: give a signed whole number, as in +2 or -1.";

    public static string ScaleZero(string text) =>
        $"'{text}' changes nothing: give a non-zero number of workers to add or remove, as in +2 or -1.";

    public static string ScaleBelowOne(ScaleChange change, int pid, int workers) => workers <= 1
        ? $"Cannot scale by {change}: the master (pid {pid}) has {Plural(workers, "worker")}, and it keeps at least 1. Nothing was sent."
        : $"Cannot scale by {change}: the master (pid {pid}) has {Plural(workers, "worker")}, and it keeps at least 1, so -{workers - 1} is the most it can go down. Nothing was sent.";

    public static string Scaled(ControlSignal signal, int pid, int ready) =>
        $"Sent {signal.Name} to the master (pid {pid}): {Plural(ready, "worker")} ready.";

    public static string ScaleTimedOut(int pid, int expected, int ready, TimeSpan waited) =>
        $"Timed out after {Seconds(waited)} waiting for {Plural(expected, "ready worker")}: the master (pid {pid}) has {ready}. 'supervisor status' shows each worker and the master's log says why; wait longer with --timeout SECONDS.";

    public static string MasterExited(int pid) =>
        $"The master (pid {pid}) exited before the change took effect. See its log for why.";

    public static string StatusHeader(int pid, int workers) =>
        $"Master pid {pid}: {Plural(workers, "worker")}";

    private static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

    private static string Seconds(TimeSpan span) =>
        Math.Round(span.TotalSeconds, 1).ToString("0.#", CultureInfo.InvariantCulture) + "s";
}
