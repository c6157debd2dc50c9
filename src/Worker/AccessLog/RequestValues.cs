using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.Primitives;

namespace Supervisor.Worker.AccessLog;

/// <summary>
/// The values behind the atoms that need more than a property read, shared by the text and JSON layouts.
/// They format into the caller's scratch space rather than allocate a string per request.
/// </summary>
internal static class RequestValues
{
    /// <summary>Room for any IP address with a scope id, and for a basic-auth user name.</summary>
    public const int ScratchLength = 128;

    // Base64 of a user:password pair longer than this is not decoded; the user is then "-".
    private const int MaxBasicCredentialsLength = 256;

    // Gunicorn drops a user name that is not UTF-8 rather than guess at it.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>h: empty when the connection has no IP address (a unix socket).</summary>
    public static ReadOnlySpan<char> RemoteAddress(HttpContext context, Span<char> scratch)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return default;
        }

        // A dual-mode socket reports IPv4 clients as ::ffff:a.b.c.d; Gunicorn shows a.b.c.d.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.TryFormat(scratch, out var written) ? scratch[..written] : default;
    }

    /// <summary>
    /// u: the name an authentication handler set, else the user of a basic Authorization header (as Gunicorn
    /// reads it), else empty. Reads the authentication feature rather than <c>HttpContext.User</c>, whose
    /// getter allocates an anonymous principal when nobody authenticated.
    /// </summary>
    public static ReadOnlySpan<char> User(HttpContext context, Span<char> scratch)
    {
        if (context.Features.Get<IHttpAuthenticationFeature>()?.User?.Identity?.Name is { Length: > 0 } name)
        {
            return name;
        }

        var authorization = context.Request.Headers.Authorization;
        return authorization.Count == 1 ? BasicUser(authorization[0], scratch) : default;
    }

    /// <summary>The user part of <c>Basic base64(user:password)</c>; empty when the header is anything else.</summary>
    public static ReadOnlySpan<char> BasicUser(string? authorization, Span<char> scratch)
    {
        const string Scheme = "Basic ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return default;
        }

        var encoded = authorization.AsSpan(Scheme.Length).Trim();
        Span<byte> decoded = stackalloc byte[MaxBasicCredentialsLength * 3 / 4];
        if (encoded.Length > MaxBasicCredentialsLength || !Convert.TryFromBase64Chars(encoded, decoded, out var length))
        {
            return default;
        }

        var credentials = decoded[..length];
        var colon = credentials.IndexOf((byte)':');
        var user = colon < 0 ? credentials : credentials[..colon];
        try
        {
            return StrictUtf8.TryGetChars(user, scratch, out var written) ? scratch[..written] : default;
        }
        catch (DecoderFallbackException)
        {
            return default;
        }
    }

    /// <summary>The request target exactly as the client sent it (Gunicorn's RAW_URI).</summary>
    public static string Target(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (!string.IsNullOrEmpty(raw))
        {
            return raw;
        }

        // Only outside Kestrel (a test's DefaultHttpContext) is there no raw target.
        var request = context.Request;
        return request.PathBase.Add(request.Path).Add(request.QueryString).ToString();
    }

    /// <summary>U: the decoded path, without the query (Gunicorn's PATH_INFO).</summary>
    public static string Path(HttpRequest request) =>
        request.PathBase.HasValue ? request.PathBase.Add(request.Path).Value ?? "" : request.Path.Value ?? "";

    /// <summary>q: the query string without "?", empty when there is none.</summary>
    public static ReadOnlySpan<char> Query(HttpRequest request) =>
        request.QueryString.Value is { Length: > 1 } query ? query.AsSpan(1) : default;

    /// <summary>A header's value, null when absent; repeated fields are joined with commas.</summary>
    public static string? Header(IHeaderDictionary headers, string name) => Single(headers[name]);

    /// <inheritdoc cref="Header"/>
    public static string? Single(StringValues values) => values.Count switch
    {
        0 => null,
        1 => values[0],
        _ => values.ToString(),
    };
}
