using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Serilog;
using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;

namespace Supervisor.Hooks;

/// <summary>
/// Runs the hook commands: one at a time, in the order their events happened, on a thread of their own so the
/// master's loop never waits for one (only on_starting and on_exit, which frame the master's life, are waited for).
/// Each is bounded by hook_timeout and killed past it; a failure is logged and the master goes on.
/// </summary>
/// <remarks>
/// A hook inherits what every child of the master inherits: its stdout and stderr (its output goes where the
/// master's goes), the listening sockets and the wake pipe. Its stdin is empty. It runs as the master's user, in
/// the master's working directory, with the master's environment less <see cref="MasterOnlyVariables"/>.
/// </remarks>
internal sealed class HookRunner : IDisposable
{
    /// <summary>Hooks waiting their turn at most: a crash loop's worker_exit hooks must not pile up without end.</summary>
    public const int MaxWaiting = 64;

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(MaxWaiting) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly CancellationTokenSource _abandon = new();
    private readonly ILogger _log;
    private readonly Task _loop;
    private int _abandoned;

    public HookRunner(ILogger log)
    {
        _log = log;
        _loop = Task.Run(RunQueueAsync);
    }

    /// <summary>Queues the event's hook, when one is set, to run after those before it; returns at once.</summary>
    public void Post(HookEvent hookEvent, SupervisorConfig config)
    {
        if (For(hookEvent, config) is { } pending && !_queue.Writer.TryWrite(pending))
        {
            _log.Warning(HookMessages.Dropped, hookEvent.Name, MaxWaiting);
        }
    }

    /// <summary>Runs the event's hook, when one is set, and waits for it within hook_timeout; true unless it failed.</summary>
    public bool Run(HookEvent hookEvent, SupervisorConfig config) =>
        For(hookEvent, config) is not { } pending || RunAsync(pending, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// At exit: lets the hooks queued so far run, for <paramref name="limit"/> at most; then stops the one running
    /// and drops the rest, and says so.
    /// </summary>
    public void Finish(TimeSpan limit)
    {
        _queue.Writer.TryComplete();
        if (_loop.Wait(limit))
        {
            return;
        }

        _abandon.Cancel();
        _loop.Wait();
        _log.Warning(HookMessages.Abandoned, _abandoned, (int)limit.TotalSeconds);
    }

    public void Dispose() => _abandon.Dispose();

    private static Pending? For(HookEvent hookEvent, SupervisorConfig config) =>
        config.Get(hookEvent.Setting) is { Count: > 0 } command
            ? new Pending(hookEvent, command, TimeSpan.FromSeconds(config.Get(Settings.HookTimeout)))
            : null;

    private async Task RunQueueAsync()
    {
        await foreach (var pending in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_abandon.IsCancellationRequested)
            {
                _abandoned++;
                continue;
            }

            try
            {
                await RunAsync(pending, _abandon.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug in one hook's run must not stop the hooks after it.
                _log.Error(e, HookMessages.CannotStart, pending.Event.Name, Display(pending.Command), e.Message);
            }
        }
    }

    private async Task<bool> RunAsync(Pending pending, CancellationToken abandon)
    {
        var (hookEvent, command, bound) = pending;
        Process process;
        try
        {
            process = Process.Start(StartInfo(hookEvent, command))!;
        }
        catch (Exception e) when (e is Win32Exception or IOException or UnauthorizedAccessException)
        {
            _log.Error(HookMessages.CannotStart, hookEvent.Name, Display(command), e.Message.TrimEnd('.') + ".");
            return false;
        }

        using (process)
        {
            process.StandardInput.Close();
            _log.Debug(HookMessages.Running, hookEvent.Name, process.Id, Display(command));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abandon);
            timeout.CancelAfter(bound);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                if (abandon.IsCancellationRequested)
                {
                    _abandoned++;
                }
                else
                {
                    _log.Error(HookMessages.TimedOut, hookEvent.Name, process.Id, (int)bound.TotalSeconds, Display(command));
                }

                return false;
            }

            if (process.ExitCode != 0)
            {
                _log.Error(HookMessages.Failed, hookEvent.Name, Display(command), process.ExitCode);
                return false;
            }

            return true;
        }
    }

    private static ProcessStartInfo StartInfo(HookEvent hookEvent, IReadOnlyList<string> command)
    {
        var info = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        MasterOnlyVariables.RemoveFrom(info.Environment);
        info.Environment[HookVariables.Hook] = hookEvent.Name;
        info.Environment[HookVariables.MasterPid] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in hookEvent.Variables)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>Kills the hook and whatever it started that is still its descendant, then reaps it.</summary>
    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited just now.
        }

        process.WaitForExit();
    }

    /// <summary>The command as a shell would take it back: words with blanks or quotes in single quotes.</summary>
    public static string Display(IReadOnlyList<string> command) =>
        string.Join(' ', command.Select(w => w.Length > 0 && !w.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\' or '$')
            ? w
            : "'" + w.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    private sealed record Pending(HookEvent Event, IReadOnlyList<string> Command, TimeSpan Bound);
}
