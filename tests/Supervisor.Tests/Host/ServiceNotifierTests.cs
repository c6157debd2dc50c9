using System.Net.Sockets;
using System.Text;
using Supervisor.Host;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Host;

/// <summary>sd_notify's datagrams, received on a real unix datagram socket as systemd would.</summary>
public sealed class ServiceNotifierTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Socket _systemd = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public ServiceNotifierTests()
    {
        _systemd.Bind(new UnixDomainSocketEndPoint(Path));
        _systemd.ReceiveTimeout = 5000;
    }

    private string Path => _folder.Combine("notify");

    public void Dispose()
    {
        _systemd.Dispose();
        _folder.Dispose();
    }

    private string Receive()
    {
        var buffer = new byte[4096];
        return Encoding.UTF8.GetString(buffer, 0, _systemd.Receive(buffer));
    }

    [Fact]
    public void SaysReadyWithTheWorkerCountThenReloadingWithTheClockThenStopping()
    {
        using var notifier = ServiceNotifier.For(Path);

        notifier.Ready(2);
        notifier.Reloading();
        notifier.Ready(3);
        notifier.WorkerCount(1);
        notifier.MainPid(4242);
        notifier.Stopping();

        Assert.Equal("READY=1\nSTATUS=2 workers ready", Receive());
        Assert.Matches(@"^RELOADING=1\nMONOTONIC_USEC=\d+$", Receive());
        Assert.Equal("READY=1\nSTATUS=3 workers ready", Receive());
        Assert.Equal("STATUS=1 worker ready", Receive());
        Assert.Equal("MAINPID=4242", Receive());
        Assert.Equal("STOPPING=1", Receive());
    }

    [Fact]
    public void PingsTheWatchdogEveryHalfOfItsInterval()
    {
        using var notifier = ServiceNotifier.For(Path, watchdogUsec: 10_000_000);

        notifier.Watchdog(1000);
        notifier.Watchdog(5999);
        notifier.Watchdog(6000);

        Assert.Equal(5000, notifier.WatchdogIntervalMs);
        Assert.Equal("WATCHDOG=1", Receive());
        Assert.Equal("WATCHDOG=1", Receive());
        _systemd.Blocking = false;
        Assert.Throws<SocketException>(() => _systemd.Receive(new byte[16]));
    }

    [Fact]
    public void AnAbstractSocketIsAddressedWithALeadingNul()
    {
        var name = "supervisor-test-" + Guid.NewGuid().ToString("N");
        using var abstractSystemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        abstractSystemd.Bind(new UnixDomainSocketEndPoint("\0" + name));
        abstractSystemd.ReceiveTimeout = 5000;
        using var notifier = ServiceNotifier.For("@" + name);

        notifier.Stopping();

        var buffer = new byte[64];
        Assert.Equal("STOPPING=1", Encoding.UTF8.GetString(buffer, 0, abstractSystemd.Receive(buffer)));
    }

    [Fact]
    public void WithoutASocketNothingIsSentAndNothingFails()
    {
        using var notifier = ServiceNotifier.For(null, watchdogUsec: 1000);

        notifier.Ready(1);
        notifier.Watchdog(10);

        Assert.False(notifier.Enabled);
    }

    [Fact]
    public void ASocketThatIsGoneCostsNothing()
    {
        using var notifier = ServiceNotifier.For(_folder.Combine("nobody-listens"));

        notifier.Ready(1);

        Assert.True(notifier.Enabled);
    }
}
