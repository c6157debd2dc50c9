using Serilog;
using Supervisor.Master.Workers;
using Supervisor.Status;
using Supervisor.Worker.Protocol;

namespace Supervisor.Master.Slow;

/// <summary>
/// <c>slow_request_timeout</c>: a worker's oldest request running past it is logged once, as
/// <c>SLOW REQUEST (pid:N) GET /path running 5.0s from CLIENT</c> (secret query values hidden), followed by the
/// worker's managed stacks when they can be read (a JIT worker). The worker is left alone: unlike <c>timeout</c>,
/// this is for finding out, not for stopping. PHP-FPM's slowlog does the same.
/// </summary>
/// <remarks>
/// Only the oldest request is in the slot, so a slow request behind a slower one is logged once that one ends.
/// At most <see cref="PerMinute"/> reports a minute, and one stack dump at a time: a dump costs the master about
/// half a second of a thread, and the worker a pause.
/// </remarks>
internal sealed class SlowRequestLog
{
    public const int PerMinute = 5;

    private readonly ILogger _log;
    private readonly Func<int, string?> _dumpStacks;
    private readonly SlowRequestLimiter _limiter = new(PerMinute, 60_000);
    private int _dumping;

    /// <param name="dumpStacks">Reads a worker's managed stacks; null when they cannot be read. Called off the loop.</param>
    public SlowRequestLog(ILogger log, Func<int, string?> dumpStacks)
    {
        _log = log;
        _dumpStacks = dumpStacks;
    }

    /// <summary>Logs the worker's oldest request if it has run past the limit and was not logged yet.</summary>
    public void Check(WorkerRecord worker, SlotSnapshot slot, long nowMs, int slowSeconds)
    {
        if (slowSeconds <= 0 || worker.Killed || slot.Pid != worker.Pid || slot.OldestStart <= 0
            || nowMs - slot.OldestStart <= slowSeconds * 1000L || worker.SlowLoggedStart == slot.OldestStart)
        {
            return;
        }

        worker.SlowLoggedStart = slot.OldestStart;
        if (!_limiter.TryTake(nowMs, out var held))
        {
            return;
        }

        if (held > 0)
        {
            _log.Warning(MasterMessages.SlowRequestsNotLogged, held, PerMinute);
        }

        var request = OldestRequest.From(slot.RequestLine, slot.ClientAddress, slot.OldestStart, nowMs, slot.TextConsistent)!;
        var client = request.Client.Length > 0 ? $" from {request.Client}" : "";
        _log.Warning(MasterMessages.SlowRequest, worker.Pid, $"{request.Line} running {StatusFormat.Running(request.RunningFor)}{client}");
        DumpStacks(worker.Pid);
    }

    private void DumpStacks(int pid)
    {
        if (Interlocked.CompareExchange(ref _dumping, 1, 0) != 0)
        {
            return;
        }

        Task.Run(() =>
        {
            try
            {
                if (_dumpStacks(pid) is { } report)
                {
                    _log.Warning(MasterMessages.SlowRequestStacks, pid, report);
                }
                else
                {
                    _log.Information(MasterMessages.SlowRequestNoStacks, pid);
                }
            }
            finally
            {
                Volatile.Write(ref _dumping, 0);
            }
        });
    }
}
