namespace Supervisor.Diagnostics;

/// <summary>One managed frame of a captured stack, as plain data so a report can be built and tested without a process.</summary>
/// <param name="Method">The method's full signature, <c>Namespace.Type.Method(ParameterTypes)</c>.</param>
/// <param name="Assembly">The simple name of the assembly that holds the method, e.g. <c>System.Private.CoreLib</c>.</param>
internal sealed record StackFrameInfo(string Method, string Assembly)
{
    /// <summary>
    /// True for the runtime's and ASP.NET Core's own assemblies. Judged by the assembly's name rather than the
    /// method's namespace: the Request Delegate Generator compiles handlers under a Microsoft.* namespace into the
    /// app's own assembly, and those frames belong to the app's request.
    /// </summary>
    public bool IsFramework =>
        Assembly.StartsWith("System.", StringComparison.Ordinal)
        || Assembly.StartsWith("Microsoft.", StringComparison.Ordinal)
        || Assembly is "System" or "mscorlib" or "netstandard";
}
