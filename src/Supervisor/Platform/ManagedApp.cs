namespace Supervisor.Platform;

/// <summary>Finds the main assembly of a framework-dependent .NET app from the worker command.</summary>
internal static class ManagedApp
{
    /// <summary>The Worker library's file, beside an app that references it.</summary>
    public const string WorkerAssembly = "Supervisor.Worker.dll";

    /// <summary>
    /// <c>dotnet [exec] MyApp.dll ...</c> gives MyApp.dll; an apphost <c>MyApp</c> beside its
    /// <c>MyApp.runtimeconfig.json</c> gives MyApp.dll (a self-contained app has one too). Anything else (a Native AOT
    /// executable, a script, another program) gives null: startup hooks cannot reach into it, or it cannot be told
    /// from here.
    /// </summary>
    /// <param name="path">The PATH a bare executable name is looked up on; the process's own when null.</param>
    public static string? MainAssembly(IReadOnlyList<string> app, string workingDirectory, string? path = null)
    {
        if (app.Count == 0)
        {
            return null;
        }

        if (Path.GetFileName(app[0]) == "dotnet")
        {
            var dll = app.Skip(1).FirstOrDefault(a => a.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
            return dll is null ? null : Path.GetFullPath(dll, workingDirectory);
        }

        var executable = Locate(app[0], workingDirectory, path);
        return executable is not null && File.Exists(executable + ".runtimeconfig.json") && File.Exists(executable + ".dll")
            ? executable + ".dll"
            : null;
    }

    /// <summary>
    /// A path as the kernel would take it: with a slash, from the working directory; without, on PATH. Null when no
    /// such file exists.
    /// </summary>
    public static string? Locate(string command, string workingDirectory, string? path = null)
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(command, workingDirectory);
            return File.Exists(full) ? full : null;
        }

        return (path ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, command))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>An app built with a reference to the Worker library has it beside its main assembly.</summary>
    public static bool ShipsWorkerLibrary(string mainAssembly) =>
        File.Exists(Path.Combine(Path.GetDirectoryName(mainAssembly)!, WorkerAssembly));
}
