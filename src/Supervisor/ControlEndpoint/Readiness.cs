using Supervisor.Worker.Protocol;

namespace Supervisor.ControlEndpoint;

/// <summary>When <c>/readyz</c> says the master should get traffic.</summary>
internal static class Readiness
{
    /// <summary>
    /// Null when ready: at least one worker READY and no stop begun. Draining is checked first, so a load
    /// balancer stops sending while the workers still finish what they have.
    /// </summary>
    public static string? NotReadyReason(bool draining, IEnumerable<WorkerState> liveWorkerStates)
    {
        if (draining)
        {
            return EndpointMessages.Draining;
        }

        return liveWorkerStates.Contains(WorkerState.Ready) ? null : EndpointMessages.NoWorkerReady;
    }
}
