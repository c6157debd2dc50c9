using System.Diagnostics.Tracing;
using System.Text.RegularExpressions;

namespace Worker.Tests.Support;

/// <summary>
/// Writes every call site the dependency injection container builds (its <c>CallSiteBuilt</c> event: the service and,
/// as JSON, the tree of what it is made from) to the file <see cref="Variable"/> names, in the process it runs in.
/// </summary>
internal sealed partial class ServiceTraceListener : EventListener
{
    public const string Variable = "WORKER_TESTS_SERVICE_TRACE";
    private const string SourceName = "Microsoft-Extensions-DependencyInjection";
    private readonly Lock _write = new();
    private readonly string _path;

    private ServiceTraceListener(string path) => _path = path;

    /// <summary>The listener of this process, kept here so that it lives as long as the process.</summary>
    public static ServiceTraceListener? Running { get; private set; }

    public static void StartFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path)
        {
            Running = new ServiceTraceListener(path);
        }
    }

    /// <summary>The closed generic types a trace names as implementations, or as the items of an enumerable.</summary>
    public static IReadOnlySet<string> GenericTypesBuilt(string trace) =>
        TypeField().Matches(trace).Select(m => m.Groups[1].Value).Where(name => name.Contains('`', StringComparison.Ordinal)).ToHashSet();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == SourceName)
        {
            EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // The constructor of an EventListener may see events before its own fields are set.
        // A long call site comes in chunks (callSite, chunkIndex, chunkCount), one event each, in order.
        if (eventData.EventName == "CallSiteBuilt" && _path is not null && eventData.Payload is { Count: > 3 } payload)
        {
            var last = payload[2] is int index && payload[3] is int count && index + 1 >= count;
            lock (_write)
            {
                File.AppendAllText(_path, last ? $"{payload[1]}\n" : $"{payload[1]}");
            }
        }
    }

    [GeneratedRegex("\"(?:implementationType|itemType)\": *\"([^\"]+)\"")]
    private static partial Regex TypeField();
}
