using Supervisor.Configuration;
using Supervisor.Endpoint;
using Supervisor.Master;
using Supervisor.Tests.Configuration;
using Supervisor.Tests.Support;
using Supervisor.Worker.Logging;

namespace Supervisor.Tests.Endpoint;

/// <summary>The endpoint's copy of the listeners follows what a reload or a stop does to the real ones.</summary>
public sealed class ListenerPublishingHostTests : IDisposable
{
    private readonly ConfigFixture _configs = new();
    private readonly SwitchableLogger _log = new(LogSettings.Default with { Level = LogLevelName.Critical });
    private readonly ListenerSet _listeners;
    private readonly ListenerSnapshot _snapshot;
    private readonly ListenerPublishingHost _host;

    public ListenerPublishingHostTests()
    {
        _listeners = new ListenerSet(new ListenerBinder(new CollectingSink().CreateLogger(), TimeSpan.Zero), []);
        _listeners.Ensure([Address(0)], 16, null, 1);
        _snapshot = new ListenerSnapshot(_listeners.All);
        _host = new ListenerPublishingHost(new MasterHost(() => throw new InvalidOperationException(), _listeners, _log), _listeners, _snapshot);
    }

    public void Dispose()
    {
        _listeners.Dispose();
        _log.Dispose();
        _configs.Dispose();
    }

    private static BindAddress Address(int index) => BindAddress.UnixAddress(Path.Combine(Path.GetTempPath(), $"supervisor-pub-{Environment.ProcessId}-{index}.sock"));

    [Fact]
    public void StartsWithTheListenersItWasGiven() =>
        Assert.Equal([Address(0)], _snapshot.Current.Select(l => l.Address));

    [Fact]
    public void PublishesListenersAReloadBinds()
    {
        var before = _snapshot.Current;
        var config = _configs.Valid($"app = \"./MyApp\"\nbind = [\"unix:{Address(0).Path}\", \"unix:{Address(1).Path}\"]\n");

        _host.EnsureListeners(config);

        Assert.Equal([Address(0), Address(1)], _snapshot.Current.Select(l => l.Address));
        Assert.Single(before);
    }

    [Fact]
    public void PublishesTheListenersLeftAfterClosingUnusedOnes()
    {
        _host.EnsureListeners(_configs.Valid($"app = \"./MyApp\"\nbind = [\"unix:{Address(0).Path}\", \"unix:{Address(1).Path}\"]\n"));

        _host.CloseUnusedListeners(new HashSet<int> { _listeners.All[1].Fd });

        Assert.Equal([Address(1)], _snapshot.Current.Select(l => l.Address));
    }

    [Fact]
    public void PublishesNoListenerOnceStopped()
    {
        _host.StopListening();

        Assert.Empty(_snapshot.Current);
    }
}
