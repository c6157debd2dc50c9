using Microsoft.AspNetCore.Http;

namespace Supervisor.Worker.Http;

/// <summary>The status a request is counted and logged with, once the app is done with it.</summary>
internal static class ResponseStatus
{
    /// <summary>
    /// The response's status, or 500 when the app threw before its response started: what Kestrel then sends.
    /// </summary>
    /// <param name="completed">Whether the app returned rather than threw.</param>
    public static int Final(HttpContext context, bool completed)
    {
        var response = context.Response;
        return completed || response.HasStarted ? response.StatusCode : StatusCodes.Status500InternalServerError;
    }
}
