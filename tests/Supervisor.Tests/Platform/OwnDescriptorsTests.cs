using Microsoft.Win32.SafeHandles;
using Supervisor.Platform;

namespace Supervisor.Tests.Platform;

/// <summary>
/// Finding every descriptor open on one pipe and pointing them at /dev/null: how a detached master lets go of
/// the terminal and of the pipe to run -D, whoever holds a copy.
/// </summary>
public sealed class OwnDescriptorsTests
{
    [Fact]
    public void EveryCopyOfAPipeIsFoundAndNothingElse()
    {
        var (read, write) = Libc.CreatePipe();
        var (otherRead, otherWrite) = Libc.CreatePipe();
        using var copy = DuplicateOf(write);
        try
        {
            var target = OwnDescriptors.Target(write);

            Assert.Matches(@"^pipe:\[\d+\]$", target);
            Assert.Equal([read, write, (int)copy.DangerousGetHandle()], OwnDescriptors.OpenOn(target).Order());
            Assert.DoesNotContain(otherWrite, OwnDescriptors.OpenOn(target));
        }
        finally
        {
            foreach (var fd in new[] { read, write, otherRead, otherWrite })
            {
                Libc.Close(fd);
            }
        }
    }

    [Fact]
    public void PointingEveryWriteEndAtNullEndsThePipeForItsReader()
    {
        var (read, write) = Libc.CreatePipe();
        using var copy = DuplicateOf(write);
        using var reader = new FileStream(new SafeFileHandle(read, ownsHandle: true), FileAccess.Read, bufferSize: 0);
        try
        {
            Libc.PointAtNull(OwnDescriptors.OpenOn(OwnDescriptors.Target(write)).Where(fd => fd != read));

            Assert.Equal(0, reader.Read(new byte[1]));
            Assert.Equal("/dev/null", OwnDescriptors.Target(write));
            Assert.Equal("/dev/null", OwnDescriptors.Target((int)copy.DangerousGetHandle()));
        }
        finally
        {
            Libc.Close(write);
        }
    }

    [Fact]
    public void NothingIsOpenOnAClosedDescriptor()
    {
        Assert.Empty(OwnDescriptors.OpenOn(null));
    }

    /// <summary>A second descriptor on the same pipe end, as the runtime's console writers make of 0, 1 and 2.</summary>
    private static SafeFileHandle DuplicateOf(int fd) =>
        File.OpenHandle($"/proc/self/fd/{fd}", FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
}
