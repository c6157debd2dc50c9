using Npgsql;
using SampleApp.Api;
using SampleApp.Data;

namespace SampleApp.Auth;

/// <summary>Register, log in (a bearer token), and who am I.</summary>
internal static class AuthEndpoints
{
    public const string EmailTaken = "An account with this email already exists; log in instead.";
    public const string WrongCredentials = "The email or password is not right.";

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/register", RegisterAsync);
        app.MapPost("/api/auth/login", LoginAsync);
        app.MapGet("/api/auth/me", MeAsync);
    }

    private static async Task<IResult> RegisterAsync(Credentials? body, Database database, HttpContext context)
    {
        var errors = CredentialsValidator.Check(body, registering: true);
        if (errors.Count > 0)
        {
            return ApiErrors.Validation(errors);
        }

        var email = CredentialsValidator.Normalize(body!.Email!);
        // Hashed before the connection is taken, so a slow hash never holds a pooled connection.
        var hash = PasswordHasher.Hash(body.Password!);
        await using var connection = await database.OpenAsync(context.RequestAborted).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id, created_at";
        command.Parameters.Add(new() { Value = email });
        command.Parameters.Add(new() { Value = hash });
        try
        {
            await using var reader = await command.ExecuteReaderAsync(context.RequestAborted).ConfigureAwait(false);
            await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            var user = new UserResponse(reader.GetInt64(0), email, reader.GetDateTime(1));
            return TypedResults.Json(user, SampleJsonContext.Default.UserResponse, statusCode: StatusCodes.Status201Created);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return TypedResults.Json(new ErrorResponse(EmailTaken, new Dictionary<string, string[]> { ["email"] = [EmailTaken] }),
                SampleJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> LoginAsync(Credentials? body, Database database, HttpContext context)
    {
        var errors = CredentialsValidator.Check(body, registering: false);
        if (errors.Count > 0)
        {
            return ApiErrors.Validation(errors);
        }

        var cancel = context.RequestAborted;
        await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
        var (userId, stored) = await FindUserAsync(connection, CredentialsValidator.Normalize(body!.Email!), cancel).ConfigureAwait(false);
        if (stored is null)
        {
            PasswordHasher.VerifyNothing(body.Password!);
            return ApiErrors.Status(StatusCodes.Status401Unauthorized, WrongCredentials);
        }

        if (!PasswordHasher.Verify(body.Password!, stored))
        {
            return ApiErrors.Status(StatusCodes.Status401Unauthorized, WrongCredentials);
        }

        var token = SessionTokens.NewToken();
        var expires = DateTime.UtcNow + SessionTokens.Lifetime;
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)";
        insert.Parameters.Add(new() { Value = SessionTokens.HashOf(token) });
        insert.Parameters.Add(new() { Value = userId });
        insert.Parameters.Add(new() { Value = expires });
        await insert.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        return TypedResults.Json(new TokenResponse(token, "Bearer", expires), SampleJsonContext.Default.TokenResponse);
    }

    private static async Task<IResult> MeAsync(Database database, HttpContext context)
    {
        var user = await CurrentUser.FindAsync(context, database).ConfigureAwait(false);
        return user is null
            ? CurrentUser.Unauthorized(context)
            : TypedResults.Json(new UserResponse(user.Id, user.Email, user.CreatedAt), SampleJsonContext.Default.UserResponse);
    }

    private static async Task<(long Id, string? PasswordHash)> FindUserAsync(NpgsqlConnection connection, string email, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, password_hash FROM users WHERE email = $1";
        command.Parameters.Add(new() { Value = email });
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await reader.ReadAsync(cancel).ConfigureAwait(false) ? (reader.GetInt64(0), reader.GetString(1)) : (0, null);
    }
}
