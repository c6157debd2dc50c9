namespace Supervisor;

/// <summary>The master's log message templates, in one place; Gunicorn's wording where Gunicorn has one.</summary>
internal static class MasterMessages
{
    public const string Starting = "Starting supervisor {Version}";
    public const string ListeningAt = "Listening at: {Url} ({Pid})";
    public const string SocketActivated = "Adopted socket {Fd} ({Local}{Name}) from systemd for bind {Bind}";
    public const string SocketActivationUnused =
        "systemd passed socket {Fd} ({Local}{Name}), which no bind entry names; closing it. Add its address to bind, or remove it from the .socket unit.";
    public const string BootingWorker = "Booting worker with pid: {Pid}";
    public const string WorkerReady = "Worker (pid:{Pid}) is ready";
    public const string WorkerRetiring = "Worker (pid:{Pid}) served its quota of {Quota} requests; starting its replacement";
    public const string WorkerExiting = "Worker exiting (pid: {Pid})";
    public const string WorkerTimeout = "WORKER TIMEOUT (pid:{Pid}) {Detail}";
    public const string WorkerExitedWithCode = "Worker (pid:{Pid}) exited with code {Code}.";
    public const string WorkerSentSignal = "Worker (pid:{Pid}) was sent {Signal}!";
    public const string WorkerSentSigkill = "Worker (pid:{Pid}) was sent SIGKILL! Perhaps out of memory?";
    public const string RequestsLost =
        "Worker (pid:{Pid}) died with {Requests} request(s) in flight and {Connections} connection(s) open; clients waiting on those connections got no response.";
    public const string WorkerKilledAfterTimeout = "Worker (pid:{Pid}) was killed after its timeout.";
    public const string WorkerFailedToBoot = "Worker (pid:{Pid}) failed to boot ({Exit}); {Failures} boot failures in a row.";
    public const string Backoff = "Workers are dying quickly; waiting {Delay}s before starting the next ({Failures} quick deaths in a row).";
    public const string HandlingSignal = "Handling signal: {Signal}";
    public const string KillingAfterGracefulTimeout = "Worker (pid:{Pid}) did not stop within graceful_timeout ({Seconds}s); killing it.";
    public const string KillingAfterQuickStop = "Worker (pid:{Pid}) did not exit within {Seconds}s of QUIT; killing it.";
    public const string HangUp = "Hang up: Master";
    public const string ReloadProblem = "Reload: {Problem}";
    public const string ReloadRefused = "Reload refused: the configuration has {Count} problem(s); the running configuration and workers are kept.";
    public const string ReloadBindFailed = "Reload refused: {Reason}; the running configuration and workers are kept.";
    public const string ReloadReportFailed = "Could not write the outcome of the reload to {Path} ({Reason}); 'supervisor reload' will not learn it.";
    public const string Reloaded = "Reloaded the configuration: {Changes}";
    public const string RolledBack = "The new workers failed to boot {Failures} times in a row; back to the previous configuration (generation {Generation}), whose workers still serve.";
    public const string WorkerCount = "Number of workers: {Count}";
    public const string WinchIgnored = "SIGWINCH ignored: the master is attached to a terminal.";
    public const string WinchWithoutNewMaster =
        "SIGWINCH ignored: no new master serves on these sockets, so stopping the workers would stop the service. Send USR2 first (binary upgrade), then WINCH.";
    public const string TtinRefused =
        "TTIN refused: {Max} workers is the most this master runs (its scoreboard has {Slots} slots, half of them kept for a reload's new workers).";
    public const string WorkersCapped =
        "workers = {Workers} is more than this master can run; running {Max} (its scoreboard has {Slots} slots, half of them kept for a reload). Restart the master to run more.";
    public const string IgnoredWhileStopping = "Ignoring signal {Signal}: the master is shutting down.";
    public const string DeferredReloadDropped =
        "The HUP that arrived during the failed reload is dropped: it would load the same configuration. Fix it, then send HUP again.";
    public const string ReloadDeferred = "A reload is under way; one more will start once its workers are ready.";
    public const string WorkerStoppedBeforeReady = "Worker (pid:{Pid}) was stopped before it was ready ({Exit}).";
    public const string ListenerClosed = "Stopped listening at: {Address}";
    public const string ChildMasterStarted = "Started a new master (pid {Pid}) for the binary upgrade; stop this one (TERM or QUIT) once it serves.";
    public const string ChildMasterRefused = "USR2 signal ignored. Child exists.";
    public const string ChildMasterExited = "The new master (pid {Pid}) exited with code {Code}.";
    public const string Promoted = "Master has been promoted.";
    public const string WorkerLogUnprepared = "Cannot prepare the log file {Path} for the workers' user: {Reason} Workers may fail to open it.";
    public const string WorkerLogHardLinked =
        "Not giving the log file {Path} to the workers' user: it has another name (a hard link), so it may be any file on the host. Remove that file; the master creates a new one on USR1.";
    public const string CannotStart = "Cannot start: {Reason}";
    public const string WakePipeFailed = "The wake pipe stopped working ({Reason}); workers that become ready or retire are seen within 100 ms instead of at once.";
    public const string SlotDamaged = "Worker (pid:{Pid}) damaged its scoreboard slot: {Damage}; killing it";
    public const string WorkerKilledForSlot = "Worker (pid:{Pid}) was killed for damaging its scoreboard slot.";
    public const string StaleScoreboardRemoved = "Removed the scoreboard of master {Pid}, which is no longer running: {Path}";
    public const string StaleScoreboardKept = "Kept the scoreboard folder {Path} of a master that is no longer running: {Reason}";
    public const string StaleScoreboardsUnreadable = "Cannot look for the scoreboards of stopped masters in {Folder}: {Reason}";
    public const string CleanupFailed = "Could not clean up at exit: {Reason}";
    public const string RecycleMemory = "Worker (pid:{Pid}) uses {Rss} MiB, above max_worker_memory ({Limit} MiB); replacing it";
    public const string RecycleLifetime = "Worker (pid:{Pid}) has lived past its lifetime of {Seconds}s; replacing it";
    public const string StackReport = "Stacks of worker (pid:{Pid}) when it timed out:\n{Report}";
    public const string StackReportUnavailable = "Could not read the stacks of worker (pid:{Pid}); killing it.";
    public const string SlowRequest = "SLOW REQUEST (pid:{Pid}) {Detail}";
    public const string SlowRequestStacks = "Stacks of worker (pid:{Pid}) during its slow request:\n{Report}";
    public const string SlowRequestNoStacks = "No stacks for the slow request of worker (pid:{Pid}): its managed stacks cannot be read (a Native AOT worker has none to read).";
    public const string SlowRequestsNotLogged = "{Count} more slow request(s) were not logged: at most {Limit} a minute are, with their stacks.";
    public const string ShuttingDown = "Shutting down: Master";
    public const string Reason = "Reason: {Reason}";
    public const string UnhandledException = "Unhandled exception in main loop";
    public const string ReloadOnChange = "Worker reloading: {Path} modified";
    public const string ReloadWatching = "reload: watching {Folders} for changes; a change reloads the workers as HUP does.";
    public const string ReloadCannotWatch = "reload: cannot watch {Folder}: {Reason} Changes there will not reload the workers.";
    public const string ReloadWatchFailed = "reload: the watch on {Folder} lost events ({Reason}); reloading the workers in case something changed.";
    public const string ReloadNoMainFile =
        "reload: the app's files are unknown (app runs {Command}, found on PATH); give its path in app, or name its files in reload_extra_files.";
    public const string NotRunningAsRoot = "Cannot run workers as user {User}: the master is not running as root.";
}
