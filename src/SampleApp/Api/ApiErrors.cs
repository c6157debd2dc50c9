using SampleApp.Data;

namespace SampleApp.Api;

/// <summary>The API's error answers, with their exact texts in one place.</summary>
internal static class ApiErrors
{
    public const string InvalidInput = "Some fields are not valid; see errors.";
    public const string DatabaseUnavailable = "The database is unavailable; try again in a moment.";

    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.Json(new ErrorResponse(InvalidInput, errors), SampleJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status400BadRequest);

    public static IResult Status(int status, string message) =>
        TypedResults.Json(new ErrorResponse(message), SampleJsonContext.Default.ErrorResponse, statusCode: status);

    public static IResult NotConfigured() => Status(StatusCodes.Status503ServiceUnavailable, DatabaseSettings.NotConfiguredMessage);

    public static IResult Unavailable() => Status(StatusCodes.Status503ServiceUnavailable, DatabaseUnavailable);
}
