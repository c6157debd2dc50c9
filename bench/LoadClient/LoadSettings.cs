using System.Net;

namespace LoadClient;

/// <summary>A run as the command line asked for it, validated.</summary>
internal sealed record LoadSettings(
    Uri Url,
    IPEndPoint EndPoint,
    ClientMode Mode,
    int Clients,
    TimeSpan Duration,
    TimeSpan Timeout,
    bool Verbose);
