using SampleApp.Data;

namespace SampleApp.Api;

/// <summary>
/// A database that is missing or down answers 503 with a short sentence, never a stack trace; the
/// exception itself goes to the error log, where the operator looks.
/// </summary>
internal static partial class DatabaseErrorMiddleware
{
    public static void UseDatabaseErrors(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("SampleApp.Database");
        app.Use(next => async context =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (DatabaseNotConfiguredException) when (!context.Response.HasStarted)
            {
                await ApiErrors.NotConfigured().ExecuteAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (DatabaseFailure.IsUnavailable(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                LogUnavailable(logger, context.Request.Method, context.Request.Path, e);
                context.Response.Clear();
                await ApiErrors.Unavailable().ExecuteAsync(context).ConfigureAwait(false);
            }
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Database unavailable during {Method} {Path}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, Exception exception);
}
