using SampleApp.Api;
using SampleApp.Data;

namespace SampleApp.Plans;

internal static class PlanEndpoints
{
    public static void MapPlanEndpoints(this IEndpointRouteBuilder app) => app.MapGet("/api/plans", ListAsync);

    private static async Task<IResult> ListAsync(Database database, CancellationToken cancel)
    {
        await using var connection = await database.OpenAsync(cancel).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT code, name, price_cents, currency FROM plans ORDER BY price_cents, code";
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var plans = new List<PlanResponse>();
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            plans.Add(new PlanResponse(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return TypedResults.Json(plans, SampleJsonContext.Default.ListPlanResponse);
    }
}
