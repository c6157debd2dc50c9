using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;

namespace Supervisor.Diagnostics;

/// <summary>
/// Reads the managed stacks of another .NET process: the process writes a small dump of itself through its diagnostics
/// channel, and ClrMD reads the threads' stacks out of that file. Another thread may read what was captured so far
/// and ask the capture to stop.
/// </summary>
/// <remarks>
/// Attaching with ptrace from here (ClrMD's <c>AttachToProcess(pid, suspend: true)</c>) does not work for a worker:
/// the master is the worker's parent, and .NET's SIGCHLD handling calls waitpid on its children, so it can take the
/// ptrace stop of the worker's main thread. ClrMD then waits forever for that stop, and the master's
/// <see cref="System.Diagnostics.Process"/> believes the worker exited. The dump is written instead by the runtime's
/// createdump, which the worker starts as its own child: nothing in the master waits on it.
/// </remarks>
internal sealed class StackCapture
{
    /// <summary>ClrMD's own guard against a corrupt stack that never ends; far more than a report shows.</summary>
    private const int MaxFrames = 500;

    private readonly int _pid;
    private readonly string _dumpPath;
    private readonly Lock _lock = new();
    private readonly List<ThreadStack> _threads = [];
    private volatile bool _stopRequested;
    private bool _finished;
    private bool _succeeded;

    /// <param name="dumpPath">Where the process writes its dump; the capture deletes it.</param>
    public StackCapture(int pid, string dumpPath)
    {
        _pid = pid;
        _dumpPath = dumpPath;
    }

    /// <summary>Asks a running capture to give up at its next step and clean up after itself.</summary>
    public void Stop() => _stopRequested = true;

    /// <summary>
    /// What was captured: every thread when the capture finished, those read so far when it is still running,
    /// and null when it failed or read nothing.
    /// </summary>
    public (IReadOnlyList<ThreadStack> Threads, bool Complete)? Result()
    {
        lock (_lock)
        {
            if ((_finished && !_succeeded) || (!_finished && _threads.Count == 0))
            {
                return null;
            }

            return (_threads.ToArray(), _finished);
        }
    }

    public void Run()
    {
        var succeeded = false;
        try
        {
            succeeded = Capture();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No diagnostics channel (not .NET, gone, DOTNET_EnableDiagnostics=0), a refused or failed dump, an
            // unreadable runtime: ClrMD and the client each report these their own way. A dump is a best effort beside
            // a kill that happens anyway, so any of them only means "no report".
        }
        finally
        {
            TryDelete(_dumpPath);
            lock (_lock)
            {
                _finished = true;
                _succeeded = succeeded;
            }
        }
    }

    private bool Capture()
    {
        // Normal, not Full: thread stacks and what the runtime needs to walk them, about 15 MB for a web app, written
        // in a quarter of a second, whatever the size of the worker's heap.
        // Not cancelled when stopped: the dump ends by itself, or fails as soon as the master kills the worker.
        new DiagnosticsClient(_pid).WriteDump(DumpType.Normal, _dumpPath, logDumpGeneration: false);
        if (_stopRequested)
        {
            return false;
        }

        var options = new DataTargetOptions
        {
            // The debugging library (the DAC) ships beside the runtime; never go to a symbol server for it.
            SymbolPaths = [],
        };
        using var target = DataTarget.LoadDump(_dumpPath, options);
        if (target.ClrVersions.FirstOrDefault() is not { } clr)
        {
            return false;
        }

        using var runtime = clr.CreateRuntime(DacBeside(clr), ignoreMismatch: true);
        foreach (var thread in runtime.Threads)
        {
            if (_stopRequested)
            {
                return true;
            }

            if (!thread.IsAlive)
            {
                continue;
            }

            var stack = new ThreadStack(thread.ManagedThreadId, thread.OSThreadId, Frames(thread));
            lock (_lock)
            {
                _threads.Add(stack);
            }
        }

        return true;
    }

    /// <summary>
    /// The debugging library that ships in the same runtime folder as the target's libcoreclr.so. ClrMD's own search
    /// does not find it on Linux (it reads the runtime's version as 0.0, then wants a symbol server), and its version
    /// check would fail on that 0.0; the DAC from the target's own runtime folder is the one that matches.
    /// </summary>
    private static string DacBeside(ClrInfo clr) =>
        Path.Combine(Path.GetDirectoryName(clr.ModuleInfo.FileName) ?? "", "libmscordaccore.so");

    private static List<StackFrameInfo> Frames(ClrThread thread)
    {
        var frames = new List<StackFrameInfo>();
        foreach (var frame in thread.EnumerateStackTrace(includeContext: false, MaxFrames))
        {
            // Runtime frames (transitions into native code, helper frames) name no method a user wrote.
            if (frame.Kind != ClrStackFrameKind.ManagedMethod || frame.Method is not { } method)
            {
                continue;
            }

            var module = method.Type.Module;
            frames.Add(new StackFrameInfo(method.Signature ?? method.Name ?? "?", Path.GetFileNameWithoutExtension(module.Name ?? module.AssemblyName ?? "")));
        }

        return frames;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A dump left in the temp folder is untidy, not harmful.
        }
    }
}
