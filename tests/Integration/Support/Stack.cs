using System.Globalization;

namespace Integration.Support;

/// <summary>The pieces of the production stack as the tests run them: the repo's scripts, pointed at the build outputs.</summary>
public static class Stack
{
    public static string Entrypoint => Path.Combine(Binaries.RepositoryRoot, "entrypoint.sh");

    /// <summary>A gunicorn.toml in the folder: the built SampleApp as the worker command, on 127.0.0.1:port.</summary>
    public static string WriteConfig(string folder, int port, int workers = 2, string more = "")
    {
        var path = Path.Combine(folder, "gunicorn.toml");
        File.WriteAllText(path, $"""
            app = "{Binaries.SampleApp}"
            bind = "127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"
            workers = {workers.ToString(CultureInfo.InvariantCulture)}
            accesslog = "-"
            {more}

            """);
        return path;
    }

    /// <summary>What entrypoint.sh needs to find the built app, the supervisor and a config instead of the image's paths.</summary>
    public static Dictionary<string, string> EntrypointVariables(string config, string staticRoot, IReadOnlyDictionary<string, string> database)
    {
        var variables = new Dictionary<string, string>(database)
        {
            ["SAMPLEAPP"] = Binaries.SampleApp,
            ["SUPERVISOR"] = Binaries.Supervisor,
            ["SUPERVISOR_CONFIG"] = config,
            ["STATIC_ROOT"] = staticRoot,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        return variables;
    }

    public static OwnedProcess StartEntrypoint(IReadOnlyDictionary<string, string> variables) =>
        OwnedProcess.Start("sh", [Entrypoint], variables);
}
