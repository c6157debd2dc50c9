using System.Globalization;
using Npgsql;

namespace SampleApp.Data;

/// <summary>
/// Where PostgreSQL is, read once from the environment: <c>DATABASE_URL</c>
/// (<c>postgres://user:password@host:port/name</c>), or <c>DATABASE_HOST</c>, <c>DATABASE_PORT</c> (5432),
/// <c>DATABASE_NAME</c>, <c>DATABASE_USER</c> and <c>DATABASE_PASSWORD</c>, as the guide's <c>.env.docker</c>.
/// </summary>
internal sealed record DatabaseSettings(string Host, int Port, string Name, string User, string Password)
{
    public const string NotConfiguredMessage =
        "The database is not configured: set DATABASE_URL, or DATABASE_HOST, DATABASE_NAME, DATABASE_USER and DATABASE_PASSWORD, then restart.";

    private static readonly string[] RequiredParts = ["DATABASE_HOST", "DATABASE_NAME", "DATABASE_USER", "DATABASE_PASSWORD"];

    /// <summary>host:port/name, for messages: never the password.</summary>
    public string Description => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/{Name}";

    /// <summary>Null when no database variable is set at all: the app then serves only what needs no database.</summary>
    /// <exception cref="DatabaseSettingsException">Some variables are set but they do not make a whole, valid setting.</exception>
    public static DatabaseSettings? FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var url = getVariable("DATABASE_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            return FromUrl(url);
        }

        var parts = RequiredParts.Append("DATABASE_PORT").ToDictionary(name => name, name => getVariable(name));
        if (parts.Values.All(string.IsNullOrEmpty))
        {
            return null;
        }

        var missing = RequiredParts.Where(name => string.IsNullOrEmpty(parts[name])).ToList();
        if (missing.Count > 0)
        {
            throw new DatabaseSettingsException(
                $"The database settings are incomplete: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set. Set {(missing.Count == 1 ? "it" : "them")}, or set DATABASE_URL instead.");
        }

        var port = ParsePort(parts["DATABASE_PORT"], "DATABASE_PORT");
        return new DatabaseSettings(parts["DATABASE_HOST"]!, port, parts["DATABASE_NAME"]!, parts["DATABASE_USER"]!, parts["DATABASE_PASSWORD"]!);
    }

    public string ConnectionString(int maxPoolSize = 20) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Database = Name,
        Username = User,
        Password = Password,
        MaxPoolSize = maxPoolSize,
        // Short, so a request against a database that went away answers 503 quickly instead of hanging.
        Timeout = 5,
        CommandTimeout = 30,
        ApplicationName = "SampleApp",
    }.ConnectionString;

    private static DatabaseSettings FromUrl(string url)
    {
        const string Example = "postgres://user:password@host:5432/name";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new DatabaseSettingsException($"DATABASE_URL is not a PostgreSQL URL; expected the form {Example}.");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var name = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (string.IsNullOrEmpty(uri.Host) || string.IsNullOrEmpty(userInfo[0]) || userInfo.Length < 2 || string.IsNullOrEmpty(name))
        {
            throw new DatabaseSettingsException($"DATABASE_URL needs a user, a password, a host and a database name; expected the form {Example}.");
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port;
        return new DatabaseSettings(uri.Host.Trim('[', ']'), port, name, Uri.UnescapeDataString(userInfo[0]), Uri.UnescapeDataString(userInfo[1]));
    }

    private static int ParsePort(string? text, string variable)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 5432;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new DatabaseSettingsException($"{variable} = '{text}' is not a port: expected a whole number from 1 to 65535.");
        }

        return port;
    }
}
