using System.Net;

namespace Supervisor.Worker.Requests;

/// <summary>
/// One running request in <see cref="InFlightRequests"/>. Holds references to strings the request
/// already has, so entering the registry formats nothing; the text is built only when published.
/// </summary>
internal sealed class InFlightRequest
{
    public InFlightRequest(long start, string method, string path, string query, IPAddress? remoteAddress, int remotePort)
    {
        Start = start;
        Method = method;
        Path = path;
        Query = query;
        RemoteAddress = remoteAddress;
        RemotePort = remotePort;
    }

    /// <summary>Environment.TickCount64 when the request started.</summary>
    public long Start { get; }

    public string Method { get; }

    public string Path { get; }

    /// <summary>Empty, or starting with '?'.</summary>
    public string Query { get; }

    public IPAddress? RemoteAddress { get; }

    public int RemotePort { get; }

    // Links of the registry's list, guarded by its lock.
    internal InFlightRequest? Previous { get; set; }

    internal InFlightRequest? Next { get; set; }
}
