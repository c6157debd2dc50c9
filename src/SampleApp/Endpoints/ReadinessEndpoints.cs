using SampleApp.Data;

namespace SampleApp.Endpoints;

/// <summary><c>/readyz</c>: 200 when PostgreSQL answers a query now, 503 otherwise (for load balancers and HEALTHCHECK).</summary>
internal static class ReadinessEndpoints
{
    public const string Ready = "ready";
    public const string NotReady = "not ready: the database does not answer";
    public const string NotConfigured = "not ready: the database is not configured";

    public static void MapReadinessEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/readyz", async (Database database, CancellationToken cancel) =>
        {
            if (!database.IsConfigured)
            {
                return Results.Text(NotConfigured, statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            // Bounded: a health check that hangs is worse than one that says no.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var answers = await database.AnswersAsync(timeout.Token).ConfigureAwait(false);
            return answers ? Results.Text(Ready) : Results.Text(NotReady, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
}
