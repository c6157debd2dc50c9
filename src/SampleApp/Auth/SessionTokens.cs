using System.Security.Cryptography;
using System.Text;

namespace SampleApp.Auth;

/// <summary>
/// Opaque bearer tokens: 256 random bits for the client, only their SHA-256 in the sessions table, so
/// any worker process or replica can check one and a leaked table holds no usable token.
/// </summary>
internal static class SessionTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The token of an <c>Authorization: Bearer TOKEN</c> header, or null.</summary>
    public static string? FromHeader(string? authorization)
    {
        const string Prefix = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorization[Prefix.Length..].Trim();
        return token.Length is > 0 and <= 100 ? token : null;
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
