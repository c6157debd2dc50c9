namespace Supervisor.Worker.Injection;

/// <summary>What the hook can tell about the app before its <c>Main</c> runs.</summary>
internal static class WebFramework
{
    /// <summary>
    /// True when the app runs on the ASP.NET Core shared framework: only then can a hosting startup make it
    /// serve. A console app has only Microsoft.NETCore.App among its trusted assemblies.
    /// </summary>
    public static bool IsPresent() =>
        (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator)
            .Any(path => Path.GetFileName(path) == "Microsoft.AspNetCore.Hosting.dll");

    /// <summary>The app as the user started it: its main assembly's file name.</summary>
    public static string AppName() => Path.GetFileName(Environment.GetCommandLineArgs()[0]);
}
