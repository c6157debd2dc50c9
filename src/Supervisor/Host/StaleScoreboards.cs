using Serilog;
using Supervisor.Platform;

namespace Supervisor.Host;

/// <summary>
/// Removes the scoreboards of masters that died without cleaning up (SIGKILL, a crash, the machine stopped with
/// tmpfs kept): left alone, each would stay in /dev/shm, in memory, until reboot.
/// </summary>
/// <remarks>
/// Only what a master of this user made and nothing else: a folder named <c>supervisor-PID</c>, a real folder (not a
/// link), owned by this user, whose pid no longer runs; in it only files named <c>slot-N</c>, each unlinked (never
/// followed). A folder holding anything else is left, as is any path another user planted.
/// </remarks>
internal static class StaleScoreboards
{
    public static void Remove(string parent, ILogger log)
    {
        var self = Platform.Libc.GetEffectiveUserId();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(parent, "supervisor-*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Warning(MasterMessages.StaleScoreboardsUnreadable, parent, e.Message);
            return;
        }

        foreach (var folder in entries)
        {
            if (ScoreboardLocation.MasterOf(Path.GetFileName(folder)) is not { } pid
                || SafeFiles.LinkStatus(folder) is not { IsDirectory: true } status
                || status.Uid != self
                || (pid != Environment.ProcessId && Libc.ProcessExists(pid)))
            {
                continue;
            }

            try
            {
                if (!RemoveSlotFiles(folder))
                {
                    log.Warning(MasterMessages.StaleScoreboardKept, folder, "it holds files a master does not make");
                    continue;
                }

                Directory.Delete(folder, recursive: false);
                log.Information(MasterMessages.StaleScoreboardRemoved, pid, folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.Warning(MasterMessages.StaleScoreboardKept, folder, e.Message);
            }
        }
    }

    /// <summary>Unlinks the slot files; false, with nothing removed, when the folder holds anything else.</summary>
    private static bool RemoveSlotFiles(string folder)
    {
        var entries = Directory.EnumerateFileSystemEntries(folder).ToList();
        if (entries.Any(e => ScoreboardLocation.SlotOf(Path.GetFileName(e)) is null
            || SafeFiles.LinkStatus(e) is not { IsRegularFile: true }))
        {
            return false;
        }

        foreach (var entry in entries)
        {
            File.Delete(entry);
        }

        return true;
    }
}
