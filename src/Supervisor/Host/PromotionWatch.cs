using Serilog;
using Supervisor.Platform;

namespace Supervisor.Host;

/// <summary>
/// In a master started by a binary upgrade: once the old master is gone, takes over the pidfile
/// (pidfile.2 becomes pidfile), as Gunicorn's "Master has been promoted."
/// </summary>
internal sealed class PromotionWatch : IDisposable
{
    private readonly Timer _timer;
    private readonly int _parent;
    private readonly PidFile? _pidFile;
    private readonly string? _finalPath;
    private readonly ILogger _log;
    private readonly Action _promoted;
    private int _done;

    /// <param name="pidFile">pidfile.2, renamed to <paramref name="finalPath"/> once promoted; null without a pidfile.</param>
    /// <param name="promoted">What else a promotion means (systemd is told the new main pid).</param>
    public PromotionWatch(int parent, PidFile? pidFile, string? finalPath, ILogger log, Action promoted)
    {
        _parent = parent;
        _pidFile = pidFile;
        _finalPath = finalPath;
        _log = log;
        _promoted = promoted;
        _timer = new Timer(_ => Check(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    private void Check()
    {
        if (Libc.ProcessExists(_parent) && !IsZombie(_parent))
        {
            return;
        }

        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            if (_pidFile is not null && _finalPath is not null)
            {
                _pidFile.MoveTo(_finalPath);
            }

            _log.Information(MasterMessages.Promoted);
            _promoted();
            _timer.Dispose();
        }
    }

    /// <summary>The old master may linger as a zombie of whoever started it; it no longer serves.</summary>
    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/status").Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains("zombie", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose() => _timer.Dispose();
}
