using Supervisor.Platform;

namespace Supervisor.Host;

/// <summary>
/// The master <c>supervisor run -D</c> starts in the background (the .NET runtime cannot fork, so it is started
/// again rather than forked, as Gunicorn's daemonize does). It leaves the terminal's session at once and puts its
/// stdin, stdout and stderr on /dev/null, so its workers and hooks inherit nothing of the terminal; until its
/// workers are READY its own log still reaches <c>run -D</c>, which relays it, so a failure to start is seen.
/// </summary>
internal sealed class DaemonChild
{
    /// <summary>The line that tells <c>run -D</c> the workers are READY; no log line can look like it.</summary>
    public const string ReadyLine = "\u0001supervisor: workers ready";

    private readonly object _lock = new();
    private readonly string? _relayPipe;
    private TextWriter? _relay;

    private DaemonChild(TextWriter relay, string? relayPipe)
    {
        _relay = relay;
        _relayPipe = relayPipe;
    }

    /// <summary>Where a failure goes until the workers are READY: to <c>run -D</c>, and from it to the terminal.</summary>
    public TextWriter Error => _relay ?? TextWriter.Null;

    /// <summary>Detaches when this process is the master <c>run -D</c> started; null otherwise.</summary>
    public static DaemonChild? Detach()
    {
        if (Environment.GetEnvironmentVariable(DaemonVariables.Detach) != "1")
        {
            return null;
        }

        Environment.SetEnvironmentVariable(DaemonVariables.Detach, null);

        // The console writers hold duplicates of 0, 1 and 2, made when they were first used: stdout's and stdin's are
        // the terminal's (or whatever run -D's output goes to) and must not stay open once run -D has returned;
        // stderr's is the pipe to run -D, which relays it, kept until READY and inherited by no child.
        var relay = Console.Error;
        _ = Console.Out;
        var relayPipe = OwnDescriptors.Target(2);
        Libc.NewSession();
        Libc.PointAtNull([.. OwnDescriptors.OpenOn(OwnDescriptors.Target(0)), .. OwnDescriptors.OpenOn(OwnDescriptors.Target(1)), 2]);
        return new DaemonChild(relay, relayPipe);
    }

    /// <summary>
    /// The workers are READY: says so to <c>run -D</c>, which returns 0, and from now on the log that went to stderr
    /// goes to /dev/null, as stderr does. Only the first call does anything.
    /// </summary>
    public void Ready()
    {
        lock (_lock)
        {
            if (_relay is not { } relay)
            {
                return;
            }

            _relay = null;
            try
            {
                relay.WriteLine(ReadyLine);
                relay.Flush();
            }
            catch (IOException)
            {
                // run -D was interrupted and is gone: the master runs on, detached, all the same.
            }

            // run -D sees the end of the pipe and returns; what the log writes to stderr from now on goes nowhere.
            Libc.PointAtNull(OwnDescriptors.OpenOn(_relayPipe));
        }
    }
}
