using Serilog;
using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Platform;

namespace Supervisor.Host;

/// <summary>
/// The log files of workers that run as another user (<c>user</c>): that user may not create files in the log
/// folder, so the master creates each file (rw-r--r--) and gives it to that user, as Gunicorn chowns its log
/// files to the workers' uid. Workers then open them by name at start and again on USR1, after the master has
/// prepared the new files: the folder stays as it is. The master runs as root here, so it opens no link at the
/// name and gives away no file with a second name (a hard link could make it any file on the host).
/// </summary>
internal static class WorkerLogFiles
{
    public static void Prepare(SupervisorConfig config, ILogger log)
    {
        if (config.WorkerOwner is not { } owner)
        {
            return;
        }

        foreach (var path in new[] { config.Get(Settings.ErrorLog), config.Get(Settings.AccessLog) })
        {
            if (path is not (null or "-"))
            {
                PrepareOne(Path.GetFullPath(path), owner, log);
            }
        }
    }

    private static void PrepareOne(string path, (uint Uid, uint Gid) owner, ILogger log)
    {
        // A link (/dev/stdout, or a log pointed at it) is the administrator's choice: workers follow it as themselves.
        if (SafeFiles.LinkStatus(path) is { IsSymbolicLink: true })
        {
            return;
        }

        try
        {
            using var file = SafeFiles.OpenForAppend(path, SafeFiles.PublicMode, out _);
            var status = SafeFiles.Status(file, path);
            if (!status.IsRegularFile || status.Uid == owner.Uid)
            {
                // A device such as /dev/null is not ours to give; a file the user owns needs nothing.
                return;
            }

            if (status.Links > 1)
            {
                log.Error(MasterMessages.WorkerLogHardLinked, path);
                return;
            }

            SafeFiles.ChangeOwner(file, owner.Uid, owner.Gid, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error(MasterMessages.WorkerLogUnprepared, path, e.Message);
        }
    }
}
