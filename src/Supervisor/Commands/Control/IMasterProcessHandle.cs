namespace Supervisor.Commands.Control;

/// <summary>The running master as a control command sees it: a pid to signal and watch.</summary>
internal interface IMasterProcessHandle
{
    int Pid { get; }

    /// <summary>True while the master process exists and has not exited (a zombie has).</summary>
    bool IsRunning();

    /// <summary>Sends the signal; throws <see cref="ControlException"/> when it cannot be delivered.</summary>
    void Send(ControlSignal signal);
}
