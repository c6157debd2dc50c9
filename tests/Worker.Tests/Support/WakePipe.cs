namespace Worker.Tests.Support;

/// <summary>
/// A master's wake pipe, as the test sees it: the worker side writes, the test counts the bytes. Both ends are
/// non-blocking, so the test polls with a deadline and never hangs on a read.
/// </summary>
internal sealed class WakePipe : IDisposable
{
    private int _readFd;

    public WakePipe()
    {
        (_readFd, WriteFd) = Native.NonBlockingPipe();
    }

    public int WriteFd { get; }

    /// <summary>Bytes read so far.</summary>
    public int Received { get; private set; }

    /// <summary>Reads whatever has arrived and returns the total so far.</summary>
    public int Drain()
    {
        Span<byte> buffer = stackalloc byte[256];
        int read;
        while ((read = Native.ReadAvailable(_readFd, buffer)) > 0)
        {
            Received += read;
        }

        return Received;
    }

    public async Task WaitForAsync(int total, TimeSpan timeout, Func<string> context) =>
        await Eventually.UntilAsync(() => Drain() >= total, timeout, () => $"{Received} of {total} wake byte(s) arrived. {context()}");

    /// <summary>As a master that is gone: a write then fails with EPIPE.</summary>
    public void CloseReadEnd()
    {
        Native.Close(_readFd);
        _readFd = -1;
    }

    public void Dispose()
    {
        if (_readFd >= 0)
        {
            Native.Close(_readFd);
        }

        Native.Close(WriteFd);
    }
}
