using System.Globalization;
using Supervisor.Master.Workers;
using Supervisor.Status;
using Supervisor.Worker.Protocol;

namespace Supervisor.Master;

/// <summary>Decides whether a worker has passed the timeout, and says how, from its slot and the clock.</summary>
internal static class TimeoutPolicy
{
    /// <param name="slot">The worker's slot; ignored unless it carries the worker's own pid.</param>
    public static TimeoutVerdict? Check(WorkerRecord worker, SlotSnapshot slot, long nowMs, int timeoutSeconds)
    {
        if (timeoutSeconds <= 0 || worker.Killed)
        {
            return null;
        }

        var limitMs = timeoutSeconds * 1000L;
        var own = slot.Pid == worker.Pid && slot.State != WorkerState.Empty;
        var ready = own && slot.State != WorkerState.Booting;
        if (!ready && !worker.WasReady)
        {
            var booting = nowMs - worker.SpawnedAtMs;
            return booting > limitMs ? new TimeoutVerdict(TimeoutKind.Boot, $"not ready {Seconds(booting)} after start") : null;
        }

        if (own && slot.OldestStart > 0 && nowMs - slot.OldestStart > limitMs)
        {
            var line = slot.RequestLine.Length > 0 ? QueryRedaction.RequestLine(slot.RequestLine) : "a request";
            var client = slot.ClientAddress.Length > 0 ? $" from {slot.ClientAddress}" : "";
            return new TimeoutVerdict(TimeoutKind.StuckRequest, $"{line} running {Seconds(nowMs - slot.OldestStart)}{client}");
        }

        var lastSign = own ? Math.Max(slot.Heartbeat, worker.SpawnedAtMs) : worker.SpawnedAtMs;
        var silent = nowMs - lastSign;
        return silent > limitMs ? new TimeoutVerdict(TimeoutKind.Silent, $"no heartbeat for {Seconds(silent)}") : null;
    }

    private static string Seconds(long ms) => (ms / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
