using System.Security.Cryptography;
using System.Text;

namespace Supervisor.ControlEndpoint;

/// <summary>
/// The token of <c>control_token_file</c>, which <c>/metrics</c> and <c>/status</c> then require as
/// <c>Authorization: Bearer TOKEN</c>. Read once when the endpoint starts; compared in constant time.
/// </summary>
internal sealed class ControlToken
{
    private const string Scheme = "Bearer ";

    private readonly byte[] _token;

    public ControlToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = Encoding.UTF8.GetBytes(token);
    }

    /// <summary>The token in the file, without the line end an editor or <c>echo</c> adds; null when there is no file.</summary>
    /// <exception cref="HaltException">The file cannot be read, or holds no token.</exception>
    public static ControlToken? Load(string? path)
    {
        if (path is null)
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HaltException(EndpointMessages.TokenUnreadable(path, e.Message), 1);
        }

        return text.Length > 0 ? new ControlToken(text) : throw new HaltException(EndpointMessages.TokenUnreadable(path, "it is empty"), 1);
    }

    /// <summary>True when the Authorization header carries the token.</summary>
    public bool Allows(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()), _token);
    }
}
