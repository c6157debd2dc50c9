using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Supervisor.Worker.Requests;

/// <summary>
/// Applies forwarded_allow_ips and secure_scheme_headers to every request, before the app and the access log see
/// it: from a trusted proxy, a secure scheme header gives https and X-Forwarded-For gives the client's address
/// (the last entry: the one the proxy itself added); from anyone else both are ignored.
/// </summary>
internal static class ForwardedRequests
{
    public static void Use(IApplicationBuilder app, ProxyTrust trust)
    {
        if (trust.IsEmpty)
        {
            return;
        }

        app.Use(next => context =>
        {
            if (trust.Trusts(context.Connection.RemoteIpAddress))
            {
                Apply(context, trust);
            }

            return next(context);
        });
    }

    private static void Apply(HttpContext context, ProxyTrust trust)
    {
        var headers = context.Request.Headers;
        foreach (var (name, value) in trust.SecureSchemeHeaders)
        {
            if (headers.TryGetValue(name, out var given) && string.Equals(given.ToString().Trim(), value, StringComparison.OrdinalIgnoreCase))
            {
                context.Request.Scheme = "https";
                break;
            }
        }

        if (headers.TryGetValue("X-Forwarded-For", out var forwarded) && Client(forwarded.ToString()) is { } client)
        {
            context.Connection.RemoteIpAddress = client;
            context.Connection.RemotePort = 0;
        }
    }

    /// <summary>The last address of an X-Forwarded-For list ("203.0.113.7", "[2001:db8::1]:443", "198.51.100.2:8080").</summary>
    private static IPAddress? Client(string list)
    {
        var last = list[(list.LastIndexOf(',') + 1)..].Trim();
        if (IPAddress.TryParse(last, out var address))
        {
            return address;
        }

        // An address with a port: IPv6 in brackets, or IPv4 with one colon.
        return IPEndPoint.TryParse(last, out var endPoint) ? endPoint.Address : null;
    }
}
