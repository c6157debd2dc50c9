using System.Text;

namespace Supervisor.Diagnostics;

/// <summary>
/// Turns captured stacks into the text the master logs: the threads running app code first, in full, and the
/// threads that only run framework code (thread-pool, timer and Kestrel waits, mostly) last, one line per top frame.
/// </summary>
internal static class StackReport
{
    /// <summary>Enough to reach from a deep call back to the request's handler; the rest is framework plumbing.</summary>
    public const int MaxFramesPerThread = 60;

    public const string NoAppThread =
        "No thread is running app code. A request that awaits something holds no thread while it waits, so its stack cannot show here.";

    /// <param name="complete">False when the capture stopped at its time limit before it had read every thread.</param>
    public static string Format(int pid, IReadOnlyList<ThreadStack> threads, bool complete)
    {
        // App code nearest the top of a stack is what the thread is doing now. The main thread also holds app
        // frames (Program.Main waiting for shutdown), but many framework frames down, so it sorts after a stuck request.
        var app = threads.Where(t => t.FirstAppFrame is not null)
            .OrderBy(t => t.FirstAppFrame)
            .ThenBy(t => t.ManagedThreadId)
            .ToList();
        var framework = threads.Where(t => t.FirstAppFrame is null && t.Frames.Count > 0).ToList();
        var bare = threads.Count(t => t.Frames.Count == 0);

        var text = new StringBuilder();
        Line(text, $"Managed stacks of process {pid}: {app.Count} of {threads.Count} threads running app code.");
        if (!complete)
        {
            Line(text, "The capture stopped at its time limit; threads it had not reached are missing.");
        }

        if (app.Count == 0)
        {
            Line(text, NoAppThread);
        }

        foreach (var thread in app)
        {
            AppendThread(text, thread);
        }

        if (framework.Count > 0)
        {
            Line(text, $"{framework.Count} {Threads(framework.Count)} in framework code only, by top frame:");
            foreach (var group in framework.GroupBy(t => t.Frames[0].Method).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                Line(text, $"   {group.Count()} at {group.Key}");
            }
        }

        if (bare > 0)
        {
            Line(text, $"{bare} {Threads(bare)} with no managed frames.");
        }

        return text.ToString().TrimEnd('\n');
    }

    private static void AppendThread(StringBuilder text, ThreadStack thread)
    {
        Line(text, $"Thread {thread.ManagedThreadId} (OS thread {thread.OSThreadId}):");
        foreach (var frame in thread.Frames.Take(MaxFramesPerThread))
        {
            Line(text, $"   at {frame.Method}");
        }

        if (thread.Frames.Count > MaxFramesPerThread)
        {
            Line(text, $"   ... {thread.Frames.Count - MaxFramesPerThread} more frames");
        }
    }

    private static string Threads(int count) => count == 1 ? "thread" : "threads";

    // Always \n: the report goes into a log line, whatever the platform's newline.
    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
