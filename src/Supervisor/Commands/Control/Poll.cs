using System.Diagnostics;

namespace Supervisor.Commands.Control;

/// <summary>Waits for a condition with a deadline, looking at it every <see cref="Interval"/>.</summary>
internal static class Poll
{
    // Fast enough that a command returns as soon as the master has acted, cheap enough to read /proc and
    // the scoreboard at this rate.
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>True once the condition holds; false when the timeout passed first.</summary>
    public static bool Until(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            Thread.Sleep(Interval);
        }

        return true;
    }
}
