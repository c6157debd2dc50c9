using Microsoft.Win32.SafeHandles;
using Supervisor.Host;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Host;

public sealed class WakePipeTests
{
    private readonly CollectingSink _log = new();

    /// <summary>As a worker does, through its own copy of the write end.</summary>
    private static void WriteByte(int fd)
    {
        using var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        stream.WriteByte(1);
    }

    private static int Flags(int fd) =>
        Convert.ToInt32(File.ReadLines($"/proc/self/fdinfo/{fd}").Single(l => l.StartsWith("flags:", StringComparison.Ordinal))[6..].Trim(), 8);

    [Fact]
    public async Task AByteFromAWorkerPostsAWake()
    {
        using var woken = new SemaphoreSlim(0);
        using var pipe = WakePipe.Create(_log.CreateLogger());
        pipe.StartReading(() => woken.Release());

        WriteByte(pipe.WriteFd);
        Assert.True(await woken.WaitAsync(TimeSpan.FromSeconds(5)), "no wake was posted for the first byte");
        WriteByte(pipe.WriteFd);
        Assert.True(await woken.WaitAsync(TimeSpan.FromSeconds(5)), "no wake was posted for the second byte");
        Assert.Empty(_log.Messages);
    }

    [Fact]
    public void TheWriteEndIsNonBlockingAndInheritable()
    {
        const int nonBlocking = 0x800;
        const int closeOnExec = 0x80000;
        using var pipe = WakePipe.Create(_log.CreateLogger());

        var flags = Flags(pipe.WriteFd);

        Assert.Equal((nonBlocking, 0), (flags & nonBlocking, flags & closeOnExec));
    }

    [Fact]
    public void StoppingIsNoWakeAndMayBeDoneTwice()
    {
        var wakes = 0;
        var pipe = WakePipe.Create(_log.CreateLogger());
        pipe.StartReading(() => Interlocked.Increment(ref wakes));

        pipe.Dispose();
        pipe.Dispose();

        Assert.Equal(0, Volatile.Read(ref wakes));
        Assert.Empty(_log.Messages);
    }
}
