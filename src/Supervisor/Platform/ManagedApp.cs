using System.Text.Json;

namespace Supervisor.Platform;

/// <summary>Finds the main assembly of a framework-dependent .NET app from the worker command, and reads what is beside it.</summary>
internal static class ManagedApp
{
    /// <summary>The Worker library's file, beside an app that references it.</summary>
    public const string WorkerAssembly = "Supervisor.Worker.dll";

    private const string AspNetCore = "Microsoft.AspNetCore.App";

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

    /// <summary>
    /// Whether the app runs on ASP.NET Core, as its <c>MyApp.runtimeconfig.json</c> says: a framework-dependent app
    /// names the frameworks it runs on, a self-contained one those it carries. Null when there is no such file, or it
    /// cannot be read: then the runtime alone can tell.
    /// </summary>
    public static bool? RunsOnAspNetCore(string mainAssembly)
    {
        var file = Path.ChangeExtension(mainAssembly, ".runtimeconfig.json");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty("runtimeOptions", out var options) || options.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return Frameworks(options, "framework").Concat(Frameworks(options, "frameworks")).Concat(Frameworks(options, "includedFrameworks"))
                .Any(framework => framework.ValueKind == JsonValueKind.Object
                    && framework.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == AspNetCore);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>"framework" holds one object, "frameworks" and "includedFrameworks" an array of them.</summary>
    private static List<JsonElement> Frameworks(JsonElement options, string property) =>
        !options.TryGetProperty(property, out var value) ? []
        : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()]
        : [value];
}
