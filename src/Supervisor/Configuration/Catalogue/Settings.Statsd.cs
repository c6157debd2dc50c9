using Supervisor.Worker.Protocol;

namespace Supervisor.Configuration.Catalogue;

/// <summary>Gunicorn's statsd instrumentation: request metrics from each worker, the workers gauge and log counters from the master.</summary>
internal static partial class Settings
{
    public static readonly Setting<string?> StatsdHost = new()
    {
        Key = "statsd_host",
        Section = LoggingSection,
        Type = "HOST:PORT, unix://PATH or unix:PATH",
        DefaultNote = "no metrics",
        Help = "Send Gunicorn's metrics to statsd at this address, over UDP (port 8125 when PORT is left out) or a unix datagram socket.",
        Details = "Each worker sends, for every request, `gunicorn.request.duration` (a timer in ms), `gunicorn.requests` and `gunicorn.request.status.CODE` (counters); the master sends the `gunicorn.workers` gauge when the number of worker processes changes; every process counts its error log's lines as `gunicorn.log.warning`, `.error`, `.exception` and `.critical`. A metric that cannot go at once is dropped, so a request never waits for statsd.",
        GunicornDifference = "A log line is counted when loglevel lets it through; Gunicorn counts warnings and errors at any loglevel.",
        Flag = "--statsd-host",
        HelpName = "STATSD_ADDR",
        Parse = value =>
        {
            var text = value.OptionalString();
            if (text is not null && LogAddress.ParseStatsd(text, out var error) is null)
            {
                value.Problem($"{value.Setting.Key} = {value.Raw.Display} is not valid: {error}");
            }

            return text;
        },
        Worker = (contract, host) => contract with { StatsdHost = host ?? "" },
    };

    public static readonly Setting<string?> StatsdPrefix = new()
    {
        Key = "statsd_prefix",
        Section = LoggingSection,
        Type = "printable ASCII without spaces, ':' or '|'",
        DefaultNote = "no prefix",
        Help = "Put before the name of every metric sent to statsd, with one dot between them (\"app\" and \"app.\" both give app.gunicorn.requests).",
        Flag = "--statsd-prefix",
        HelpName = "STATSD_PREFIX",
        Parse = value => StatsdText(value, "printable ASCII without spaces, ':' or '|', as statsd's line format allows in a name"),
        Worker = (contract, prefix) => contract with { StatsdPrefix = prefix ?? "" },
    };

    public static readonly Setting<string?> DogstatsdTags = new()
    {
        Key = "dogstatsd_tags",
        Section = LoggingSection,
        Type = "comma-separated tags, each TAG or KEY:VALUE",
        DefaultNote = "no tags",
        Help = "DogStatsD tags added to every metric sent to statsd, as |#TAGS: for example \"env:prod,team:orders\".",
        Flag = "--dogstatsd-tags",
        HelpName = "DOGSTATSD_TAGS",
        Parse = value => StatsdText(value, "comma-separated tags (TAG or KEY:VALUE) of printable ASCII without spaces or '|'", allowColon: true),
        Worker = (contract, tags) => contract with { DogstatsdTags = tags ?? "" },
    };

    /// <summary>A part of a statsd line: characters that would end a name or a field there are refused.</summary>
    private static string? StatsdText(ValueReader value, string allowed, bool allowColon = false)
    {
        var text = value.OptionalString();
        if (text is not null && text.Any(c => c is <= ' ' or > '~' or '|' || (c == ':' && !allowColon)))
        {
            value.Invalid(allowed);
        }

        return text;
    }
}
