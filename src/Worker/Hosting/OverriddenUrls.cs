using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Supervisor.Worker.Hosting;

/// <summary>
/// The addresses the app asked for itself (<c>app.Run(url)</c>, <c>ASPNETCORE_URLS</c>, <c>--urls</c>,
/// <c>HTTP_PORTS</c>, the <c>Kestrel:Endpoints</c> section), dropped because a worker serves only on the
/// master's sockets, and reported in one line so the user is not left wondering why they are not bound.
/// </summary>
internal sealed partial class OverriddenUrls
{
    private readonly List<string> _urls = [];
    private readonly object _lock = new();

    public IReadOnlyList<string> Urls
    {
        get
        {
            lock (_lock)
            {
                return [.. _urls];
            }
        }
    }

    /// <summary>Takes Kestrel's configured endpoints away, keeping their URLs for the report.</summary>
    public void DropConfiguredEndpoints(KestrelServerOptions options)
    {
        var endpoints = options.ConfigurationLoader?.Configuration.GetSection("Endpoints").GetChildren().ToList() ?? [];
        if (endpoints.Count == 0)
        {
            return;
        }

        Add(endpoints.Select(e => e["Url"] ?? $"Kestrel:Endpoints:{e.Key}"));
        // A loader over nothing: no endpoint of the app's configuration is bound next to the master's sockets.
        options.Configure(new ConfigurationBuilder().Build(), reloadOnChange: false);
    }

    /// <summary>Takes the server's address list (filled from URLS, ASPNETCORE_URLS, --urls, HTTP_PORTS or app.Run(url)).</summary>
    public void DropServerAddresses(ICollection<string>? addresses)
    {
        if (addresses is null || addresses.Count == 0)
        {
            return;
        }

        Add(addresses);
        // Left there, Kestrel would log "Overriding address(es)" and the user would not know which side won.
        addresses.Clear();
    }

    public void Report(ILogger logger)
    {
        var urls = Urls;
        if (urls.Count > 0)
        {
            var joined = string.Join(", ", urls);
            UrlsOverridden(logger, joined);
        }
    }

    private void Add(IEnumerable<string> urls)
    {
        lock (_lock)
        {
            _urls.AddRange(urls.Where(u => !_urls.Contains(u, StringComparer.Ordinal)));
        }
    }

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Not listening on the app's own address(es) {Urls}: workers serve on the master's sockets (bind)")]
    private static partial void UrlsOverridden(ILogger logger, string urls);
}
