using System.Globalization;
using SampleApp.Api;

namespace SampleApp.Endpoints;

/// <summary>A deliberately slow endpoint, to exercise draining, timeouts and the in-flight scoreboard fields.</summary>
internal static class SleepEndpoints
{
    /// <summary>Ten minutes: longer than any sensible worker timeout, short enough to bound a mistake.</summary>
    public const int MaxMilliseconds = 600_000;

    public static void MapSleepEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/sleep", SleepAsync);

    private static async Task<IResult> SleepAsync(string? ms, CancellationToken aborted)
    {
        if (!int.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) || milliseconds > MaxMilliseconds)
        {
            return Results.Text($"ms must be a whole number from 0 to {MaxMilliseconds}.", statusCode: StatusCodes.Status400BadRequest);
        }

        // Only a client that goes away cancels; a draining worker lets the sleep finish.
        await Task.Delay(milliseconds, aborted).ConfigureAwait(false);
        return TypedResults.Ok(new SleepResponse(milliseconds, Environment.ProcessId));
    }
}
