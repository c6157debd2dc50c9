using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace LoadClient;

/// <summary>The options of <c>loadclient</c>, each with its help text and the one sentence that rejects a bad value.</summary>
internal sealed class LoadOptions
{
    public Option<Uri> Url { get; } = new("--url")
    {
        Description = "The URL every request asks for: http://HOST:PORT/PATH (https is not supported).",
        HelpName = "URL",
        Required = true,
        CustomParser = ParseUrl,
    };

    public Option<string> Mode { get; } = OneOf("--mode", "keepalive", ["close", "keepalive"],
        "close: a new connection per request, sent with Connection: close. keepalive: each client reuses its connection.");

    public Option<int> Clients { get; } = Number("--clients", "N", 4, n => n >= 1, "a whole number of at least 1",
        "give the number of concurrent clients, as in --clients 4",
        "Concurrent clients, each sending one request at a time on its own connection.");

    public Option<double> Duration { get; } = Number("--duration", "SECONDS", 30.0, IsPositive, "a number of seconds more than 0",
        "give how long to run, as in --duration 30",
        "Seconds to send requests for; a request under way at the end is let finish.");

    public Option<double> Timeout { get; } = Number("--timeout", "SECONDS", 10.0, IsPositive, "a number of seconds more than 0",
        "give how long to wait for a response, as in --timeout 10",
        "Seconds to wait for a connection, and for a whole response after sending; then the attempt fails as a timeout.");

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Write one line per failed attempt and per idle close to stderr: seconds since the start, client, kind and reason.",
    };

    public IEnumerable<Option> All => [Url, Mode, Clients, Duration, Timeout, Verbose];

    private static Uri ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            result.AddError($"--url must be an absolute http:// URL such as http://127.0.0.1:8000/ (https is not supported), but is '{text}'.");
            return null!;
        }

        return uri;
    }

    private static Option<string> OneOf(string name, string defaultValue, string[] values, string description)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', values),
            DefaultValueFactory = _ => defaultValue,
        };
        // Not AcceptOnlyFromAmong: its message spans lines and does not name the option.
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!values.Contains(value))
            {
                result.AddError($"{name} must be {string.Join(" or ", values)}, but is '{value}'.");
            }
        });
        return option;
    }

    /// <summary>A number option whose every problem, unparsable or out of range, is one sentence naming it.</summary>
    private static Option<T> Number<T>(string name, string helpName, T defaultValue, Func<T, bool> isValid, string mustBe, string hint,
        string description)
        where T : IParsable<T> => new(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (T.TryParse(text, CultureInfo.InvariantCulture, out var value) && isValid(value))
                {
                    return value;
                }

                result.AddError($"{name} must be {mustBe}, but is '{text}'; {hint}.");
                return defaultValue;
            },
        };

    private static bool IsPositive(double seconds) => seconds > 0 && double.IsFinite(seconds);
}
