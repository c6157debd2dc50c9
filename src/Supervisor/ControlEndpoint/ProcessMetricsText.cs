using Supervisor.Platform;

namespace Supervisor.ControlEndpoint;

/// <summary>
/// The master's own <c>process_*</c> families, with the names and meanings of Prometheus's client libraries, so
/// that dashboards made for any exporter read them. Only the master: workers have their per-worker series.
/// </summary>
internal static class ProcessMetricsText
{
    public static void Render(PrometheusText text, ProcessUsage? usage)
    {
        text.Family("process_cpu_seconds_total", MetricsText.Counter, "Total user and system CPU time spent by the master in seconds.");
        if (usage is not null)
        {
            text.Sample("process_cpu_seconds_total", usage.CpuSeconds);
        }

        text.Family("process_resident_memory_bytes", MetricsText.Gauge, "Resident memory size of the master in bytes.");
        if (usage?.ResidentBytes is { } resident)
        {
            text.Sample("process_resident_memory_bytes", resident);
        }

        text.Family("process_virtual_memory_bytes", MetricsText.Gauge, "Virtual memory size of the master in bytes.");
        if (usage is not null)
        {
            text.Sample("process_virtual_memory_bytes", usage.VirtualBytes);
        }

        text.Family("process_open_fds", MetricsText.Gauge, "Number of open file descriptors of the master.");
        if (usage?.OpenFds is { } open)
        {
            text.Sample("process_open_fds", open);
        }

        text.Family("process_max_fds", MetricsText.Gauge, "Maximum number of open file descriptors of the master (its soft limit).");
        if (usage?.MaxFds is { } max)
        {
            text.Sample("process_max_fds", max);
        }

        text.Family("process_start_time_seconds", MetricsText.Gauge, "Start time of the master since unix epoch in seconds.");
        if (usage is not null)
        {
            text.Sample("process_start_time_seconds", usage.StartTimeSeconds);
        }
    }
}
