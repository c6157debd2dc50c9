using System.Reflection;

namespace Supervisor;

/// <summary>
/// The version this build calls itself: <c>supervisor --version</c> prints it and the master logs it when it
/// starts. Here, beneath both, so the master does not reach up into the command line for it.
/// </summary>
internal static class SupervisorVersion
{
    public static string Text { get; } =
        typeof(SupervisorVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";
}
