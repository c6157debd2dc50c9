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
    private readonly PidFile _pidFile;
    private readonly string _finalPath;
    private readonly ILogger _log;
    private int _promoted;

    public PromotionWatch(int parent, PidFile pidFile, string finalPath, ILogger log)
    {
        _parent = parent;
        _pidFile = pidFile;
        _finalPath = finalPath;
        _log = log;
        _timer = new Timer(_ => Check(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    private void Check()
    {
        if (Libc.ProcessExists(_parent) && !IsZombie(_parent))
        {
            return;
        }

        if (Interlocked.Exchange(ref _promoted, 1) == 0)
        {
            _pidFile.MoveTo(_finalPath);
            _log.Information(MasterMessages.Promoted);
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
