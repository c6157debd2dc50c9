namespace Supervisor.Master.Workers;

/// <summary>Finds the main assembly of a framework-dependent .NET app from the worker command.</summary>
internal static class ManagedApp
{
    /// <summary>
    /// <c>dotnet [exec] MyApp.dll ...</c> gives MyApp.dll; an apphost <c>MyApp</c> beside its
    /// <c>MyApp.runtimeconfig.json</c> gives MyApp.dll. Anything else (a Native AOT executable, a script, another
    /// program) gives null: startup hooks cannot reach into it, or it cannot be told from here.
    /// </summary>
    public static string? MainAssembly(IReadOnlyList<string> app, string workingDirectory)
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

        var executable = Locate(app[0], workingDirectory);
        return executable is not null && File.Exists(executable + ".runtimeconfig.json") && File.Exists(executable + ".dll")
            ? executable + ".dll"
            : null;
    }

    /// <summary>A path as the kernel would take it: with a slash, from the working directory; without, on PATH.</summary>
    private static string? Locate(string command, string workingDirectory)
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            return Path.GetFullPath(command, workingDirectory);
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, command))
            .FirstOrDefault(File.Exists);
    }
}
