namespace Supervisor.Platform;

/// <summary>What /proc says a process uses, in the units of Prometheus's <c>process_*</c> metrics.</summary>
/// <param name="CpuSeconds">User and system CPU time spent.</param>
/// <param name="StartTimeSeconds">When it started, in seconds since the Unix epoch.</param>
/// <param name="ResidentBytes">VmRSS; null when unknown.</param>
/// <param name="VirtualBytes">Virtual memory size.</param>
/// <param name="OpenFds">Descriptors open now; null when they cannot be listed.</param>
/// <param name="MaxFds">The soft limit on open descriptors; null when unlimited or unknown.</param>
internal sealed record ProcessUsage(
    double CpuSeconds,
    double StartTimeSeconds,
    long? ResidentBytes,
    long VirtualBytes,
    long? OpenFds,
    long? MaxFds);
