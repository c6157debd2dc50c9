using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Configuration.Values;
using Supervisor.Master.Listeners;
using Supervisor.Tests.Configuration;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Master.Listeners;

/// <summary>The published copy of the listeners, which the control endpoint reads, follows every change to the set.</summary>
public sealed class ListenerSetTests : IDisposable
{
    private readonly ConfigFixture _configs = new();
    private readonly ListenerSet _listeners;

    public ListenerSetTests()
    {
        _listeners = new ListenerSet(new ListenerBinder(new CollectingSink().CreateLogger(), TimeSpan.Zero), []);
        _listeners.Ensure([Address(0)], new(16), 1);
    }

    public void Dispose()
    {
        _listeners.Dispose();
        _configs.Dispose();
    }

    private static BindAddress Address(int index) => BindAddress.UnixAddress(Path.Combine(Path.GetTempPath(), $"supervisor-pub-{Environment.ProcessId}-{index}.sock"));

    private void EnsureBoth() =>
        _listeners.Ensure(_configs.Valid($"app = \"./MyApp\"\nbind = [\"unix:{Address(0).Path}\", \"unix:{Address(1).Path}\"]\n").Get(Settings.Bind), new(16), 1);

    [Fact]
    public void StartsWithTheListenersItBound() =>
        Assert.Equal([Address(0)], _listeners.Published.Select(l => l.Address));

    [Fact]
    public void PublishesListenersAReloadBinds()
    {
        var before = _listeners.Published;

        EnsureBoth();

        Assert.Equal([Address(0), Address(1)], _listeners.Published.Select(l => l.Address));
        Assert.Single(before);
    }

    [Fact]
    public void PublishesTheListenersLeftAfterClosingUnusedOnes()
    {
        EnsureBoth();

        _listeners.CloseUnused(new HashSet<int> { _listeners.All[1].Fd });

        Assert.Equal([Address(1)], _listeners.Published.Select(l => l.Address));
    }

    [Fact]
    public void PublishesNoListenerOnceStopped()
    {
        _listeners.CloseUnused(new HashSet<int>());

        Assert.Empty(_listeners.Published);
    }
}
