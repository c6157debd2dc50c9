using SampleApp.Data;

namespace SampleApp.Auth;

/// <summary>The signed-in user of a request, looked up from its bearer token in the sessions table.</summary>
internal sealed record CurrentUser(long Id, string Email, DateTime CreatedAt)
{
    public const string SignInFirst = "Sign in first: send the header Authorization: Bearer TOKEN, with a token from POST /api/auth/login.";

    /// <summary>Null when the request carries no token, or one that is unknown or expired.</summary>
    public static async Task<CurrentUser?> FindAsync(HttpContext context, Database database)
    {
        var token = SessionTokens.FromHeader(context.Request.Headers.Authorization);
        if (token is null)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(context.RequestAborted).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT u.id, u.email, u.created_at
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = $1 AND s.expires_at > now()
            """;
        command.Parameters.Add(new() { Value = SessionTokens.HashOf(token) });
        await using var reader = await command.ExecuteReaderAsync(context.RequestAborted).ConfigureAwait(false);
        return await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false)
            ? new CurrentUser(reader.GetInt64(0), reader.GetString(1), reader.GetDateTime(2))
            : null;
    }

    public static IResult Unauthorized(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Api.ApiErrors.Status(StatusCodes.Status401Unauthorized, SignInFirst);
    }
}
