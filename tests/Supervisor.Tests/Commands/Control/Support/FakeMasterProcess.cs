using Supervisor.Commands.Control;

namespace Supervisor.Tests.Commands.Control.Support;

/// <summary>A master that records the signals it is sent and reacts as the test says.</summary>
internal sealed class FakeMasterProcess : IMasterProcessHandle
{
    private readonly List<string> _sent = [];

    public int Pid { get; init; } = 4242;

    public bool Running { get; set; } = true;

    /// <summary>Runs after each signal is recorded: the master's reaction.</summary>
    public Action<ControlSignal>? OnSignal { get; init; }

    public IReadOnlyList<string> Sent => _sent;

    public bool IsRunning() => Running;

    public void Send(ControlSignal signal)
    {
        _sent.Add(signal.Name);
        OnSignal?.Invoke(signal);
    }
}
