namespace Supervisor.Status;

/// <summary>The master's live workers by stage: booting, and ready (accepting).</summary>
/// <remarks>Retiring and stopping workers are leaving and count as neither.</remarks>
internal readonly record struct WorkerCount(int Booting, int Ready)
{
    /// <summary>The workers the master is keeping: a booting one is on its way to ready.</summary>
    public int Wanted => Booting + Ready;
}
