using System.Runtime.InteropServices;
using Serilog;
using Supervisor.Platform;

namespace Supervisor.Host;

/// <summary>
/// Lets a worker wake the master's loop. Every worker inherits the write end (SUPERVISOR_WAKE_FD) and writes a
/// byte when its slot becomes READY or RETIRING; a thread of its own blocks on the read end and posts a wake per
/// read, so the arbiter reads the slots at once instead of at its next poll, up to 100 ms later. A worker that
/// retires under load is then replaced without waiting for the poll.
/// </summary>
internal sealed unsafe class WakePipe : IDisposable
{
    // One read takes every wake that arrived together: they all ask for the same pass.
    private const int ReadSize = 256;

    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(1);

    private readonly int _readFd;
    private readonly ILogger _log;
    private Thread? _reader;
    private int _disposed;

    private WakePipe(int readFd, int writeFd, ILogger log)
    {
        _readFd = readFd;
        WriteFd = writeFd;
        _log = log;
    }

    /// <summary>The end every worker inherits, at this number.</summary>
    public int WriteFd { get; }

    /// <exception cref="IOException">The pipe cannot be created.</exception>
    public static WakePipe Create(ILogger log)
    {
        var (read, write) = Libc.CreatePipe();
        try
        {
            // A worker must never wait on a master that is slow to read: a full pipe already holds a wake.
            // The read end stays close-on-exec; only the master reads.
            Libc.SetNonBlocking(write);
            Libc.ClearCloseOnExec(write);
        }
        catch (IOException)
        {
            Libc.Close(read);
            Libc.Close(write);
            throw;
        }

        return new WakePipe(read, write, log);
    }

    /// <param name="onWake">Called on the reader's thread, once per read; it must only post.</param>
    public void StartReading(Action onWake)
    {
        // A background thread: the master's exit never waits for it, even if Dispose is not reached.
        _reader = new Thread(() => ReadLoop(onWake)) { IsBackground = true, Name = "Wake pipe" };
        _reader.Start();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Closing the read end would not wake a thread blocked reading it; a byte does. If the pipe is full, the
        // reader has something to read anyway.
        byte stop = 0;
        _ = Libc.Write(WriteFd, &stop, 1);

        // The read end is closed only once its reader has gone: the number could be reused while it still reads.
        if (_reader is null || _reader.Join(StopLimit))
        {
            Libc.Close(_readFd);
        }

        Libc.Close(WriteFd);
    }

    private void ReadLoop(Action onWake)
    {
        var buffer = stackalloc byte[ReadSize];
        while (true)
        {
            var read = Libc.Read(_readFd, buffer, ReadSize);
            var errno = read < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            if (read > 0)
            {
                onWake();
                continue;
            }

            if (errno == Libc.EINTR)
            {
                continue;
            }

            // The master holds a write end itself, so the pipe cannot reach its end; any error leaves the poll to it.
            _log.Warning(MasterMessages.WakePipeFailed, read == 0 ? "end of file" : Marshal.GetPInvokeErrorMessage(errno));
            return;
        }
    }
}
