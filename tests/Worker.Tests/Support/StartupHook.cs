using Worker.Tests.Support;

/// <summary>
/// Loaded into a worker process through <c>DOTNET_STARTUP_HOOKS</c> (the runtime looks for this name, outside any
/// namespace): when <see cref="ServiceTraceListener.Variable"/> names a file, the worker's dependency injection events
/// go there.
/// </summary>
internal static class StartupHook
{
    public static void Initialize() => ServiceTraceListener.StartFromEnvironment();
}
