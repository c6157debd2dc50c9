using Supervisor.Worker.Native;

namespace Supervisor.Worker.Scoreboard;

/// <summary>
/// The worker's end of the master's wake pipe. One byte there makes the master read the scoreboard now rather
/// than at its next poll, up to 100 ms later, so a worker that became READY or RETIRING is acted on at once.
/// It is only a hint: a wake that cannot be written is dropped, and the master's poll sees the slot anyway.
/// </summary>
internal sealed unsafe class MasterWake
{
    private readonly int _fd;

    private MasterWake(int fd) => _fd = fd;

    /// <summary>
    /// The wake for an inherited descriptor, or null when that descriptor is not open: writing to its number
    /// later could hit a socket the worker opened since.
    /// </summary>
    public static MasterWake? Open(int fd)
    {
        // The master makes its write end non-blocking already. Making sure here costs one call at start and means
        // a master that stopped reading can never block the thread that reports READY.
        var flags = Libc.Fcntl(fd, Libc.F_GETFL, 0);
        if (flags < 0 || Libc.Fcntl(fd, Libc.F_SETFL, flags | Libc.O_NONBLOCK) < 0)
        {
            return null;
        }

        return new MasterWake(fd);
    }

    public void Nudge()
    {
        byte one = 1;

        // Every failure is ignored, since the master polls anyway. EAGAIN: the pipe is full, so the master has a
        // wake waiting already. EPIPE: the master is gone; the runtime ignores SIGPIPE, so this is an error
        // code and not a signal that would kill the worker. EBADF: something closed the descriptor.
        _ = Libc.Write(_fd, &one, 1);
    }
}
