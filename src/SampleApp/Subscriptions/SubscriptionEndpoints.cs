using Npgsql;
using SampleApp.Api;
using SampleApp.Auth;
using SampleApp.Data;

namespace SampleApp.Subscriptions;

/// <summary>The signed-in user's subscriptions: subscribe to a plan, list them.</summary>
internal static class SubscriptionEndpoints
{
    public const string PlanRequired = "Choose a plan: one of the codes from GET /api/plans.";
    public const string AlreadySubscribed = "You already have an active subscription to this plan.";

    public static void MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/subscriptions", SubscribeAsync);
        app.MapGet("/api/subscriptions", ListAsync);
    }

    public static string UnknownPlan(string plan) => $"There is no plan named {plan}: use one of the codes from GET /api/plans.";

    private static async Task<IResult> SubscribeAsync(SubscribeRequest? body, Database database, HttpContext context)
    {
        var user = await CurrentUser.FindAsync(context, database).ConfigureAwait(false);
        if (user is null)
        {
            return CurrentUser.Unauthorized(context);
        }

        var plan = body?.Plan?.Trim();
        if (string.IsNullOrEmpty(plan))
        {
            return ApiErrors.Validation(new Dictionary<string, string[]> { ["plan"] = [PlanRequired] });
        }

        var cancel = context.RequestAborted;
        await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // One statement: the plan lookup and the insert cannot race with a plan being removed.
        command.CommandText = """
            INSERT INTO subscriptions (user_id, plan_id)
            SELECT $1, p.id FROM plans p WHERE p.code = $2
            RETURNING id, status, created_at
            """;
        command.Parameters.Add(new() { Value = user.Id });
        command.Parameters.Add(new() { Value = plan });
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                return ApiErrors.Validation(new Dictionary<string, string[]> { ["plan"] = [UnknownPlan(plan)] });
            }

            var created = new SubscriptionResponse(reader.GetInt64(0), plan, reader.GetString(1), reader.GetDateTime(2));
            return TypedResults.Json(created, SampleJsonContext.Default.SubscriptionResponse, statusCode: StatusCodes.Status201Created);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return ApiErrors.Status(StatusCodes.Status409Conflict, AlreadySubscribed);
        }
    }

    private static async Task<IResult> ListAsync(Database database, HttpContext context)
    {
        var user = await CurrentUser.FindAsync(context, database).ConfigureAwait(false);
        if (user is null)
        {
            return CurrentUser.Unauthorized(context);
        }

        var cancel = context.RequestAborted;
        await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.id, p.code, s.status, s.created_at
            FROM subscriptions s JOIN plans p ON p.id = s.plan_id
            WHERE s.user_id = $1 ORDER BY s.id
            """;
        command.Parameters.Add(new() { Value = user.Id });
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var list = new List<SubscriptionResponse>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            list.Add(new SubscriptionResponse(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3)));
        }

        return TypedResults.Json(list, SampleJsonContext.Default.ListSubscriptionResponse);
    }
}
