using Supervisor.Configuration.Catalogue;
using Supervisor.Configuration.Values;

namespace Supervisor.Configuration;

/// <summary>
/// Turns the merged raw values into a <see cref="SupervisorConfig"/>: each setting is read by its catalogue
/// entry, then the rules that tie two settings together are checked here. Every problem is collected rather
/// than stopping at the first.
/// </summary>
internal sealed class ConfigValidator
{
    private readonly IReadOnlyDictionary<string, RawValue> _values;
    private readonly List<ConfigProblem> _problems;
    private readonly SettingReader _reader;

    public ConfigValidator(IReadOnlyDictionary<string, RawValue> values, List<ConfigProblem> problems, int processorCount)
    {
        _values = values;
        _problems = problems;
        _reader = new SettingReader(problems, processorCount);
    }

    public SupervisorConfig? Validate(string? configFile)
    {
        var read = new Dictionary<Setting, object?>();
        foreach (var setting in Settings.All)
        {
            read[setting] = _reader.Read(setting, _values.GetValueOrDefault(setting.Key));
        }

        var config = new SupervisorConfig(read, configFile);
        JitterWithinItsQuota(config);
        GroupIsTheUsersOwn(config);
        ControlEndpointStaysLocal(config);
        RemoteControlNeedsAToken(config);
        TlsNeedsACertificate(config);
        Http2HasAWayToBeSpoken(config);
        return _problems.Count == 0 ? config : null;
    }

    /// <summary>A jitter above what it jitters would draw negative quotas and lifetimes.</summary>
    private void JitterWithinItsQuota(SupervisorConfig config)
    {
        var maxRequests = config.Get(Settings.MaxRequests);
        var jitter = config.Get(Settings.MaxRequestsJitter);

        // As Gunicorn: without recycling there is no quota to jitter, so the jitter is ignored rather than refused.
        if (maxRequests > 0 && jitter > maxRequests)
        {
            Problem(Settings.MaxRequestsJitter, $"max_requests_jitter = {jitter} is not valid: it must not be above max_requests ({maxRequests})");
        }

        var lifetime = config.Get(Settings.MaxWorkerLifetime);
        var lifetimeJitter = config.Get(Settings.MaxWorkerLifetimeJitter);
        if (lifetimeJitter > lifetime)
        {
            Problem(Settings.MaxWorkerLifetimeJitter, $"max_worker_lifetime_jitter = {lifetimeJitter} is not valid: it must not be above max_worker_lifetime ({lifetime})");
        }
    }

    /// <summary>
    /// Workers are started as the user with its primary group (the runtime's only way to switch user at
    /// start), so a group other than that one cannot be honoured and is refused rather than ignored.
    /// </summary>
    private void GroupIsTheUsersOwn(SupervisorConfig config)
    {
        if (config.Get(Settings.Group) is not { } group)
        {
            return;
        }

        var user = config.Get(Settings.User);
        if (user is null)
        {
            Problem(Settings.Group, "group is set without user; set user too (workers take the user's primary group)");
        }
        else if (user.Gid != group.Gid)
        {
            Problem(Settings.Group, $"group = {_values[Settings.Group.Key].Display} is not valid: it must be the primary group of user {user.Name}");
        }
    }

    /// <summary>
    /// The control endpoint answers without credentials and shows every worker's request line: loopback only,
    /// unless the user says otherwise.
    /// </summary>
    private void ControlEndpointStaysLocal(SupervisorConfig config)
    {
        if (config.Get(Settings.ControlBind) is not { } address || config.Get(Settings.ControlAllowRemote))
        {
            return;
        }

        var loopback = address.Host == "localhost" || (System.Net.IPAddress.TryParse(address.Host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
        if (!loopback)
        {
            var raw = _values[Settings.ControlBind.Key];
            Problem(Settings.ControlBind,
                $"control_bind = {raw.Display} is not valid: it is not a loopback address; bind it to 127.0.0.1, or set control_allow_remote = true and control_token_file to expose it behind a token");
        }
    }

    /// <summary>An endpoint that anyone who can reach it may read must ask for a token.</summary>
    private void RemoteControlNeedsAToken(SupervisorConfig config)
    {
        if (config.Get(Settings.ControlAllowRemote) && config.Get(Settings.ControlBind) is not null && config.Get(Settings.ControlTokenFile) is null)
        {
            Problem(Settings.ControlAllowRemote,
                "control_allow_remote = true needs control_token_file: a file holding the token the control endpoint then asks for, or anyone who can reach control_bind can read /metrics and /status");
        }
    }

    /// <summary>Gunicorn ignores its other SSL settings without a certificate; here they would mislead, so they are refused.</summary>
    private void TlsNeedsACertificate(SupervisorConfig config)
    {
        if (config.Get(Settings.CertFile) is not null)
        {
            return;
        }

        Setting[] given = [Settings.KeyFile, Settings.CaCerts, Settings.Ciphers];
        foreach (var setting in given.Where(s => config.Value(s) is not null)
            .Concat(config.Get(Settings.CertReqs) > 0 ? [Settings.CertReqs] : [])
            .Concat(config.Get(Settings.SslVersion) != "TLS" ? [Settings.SslVersion] : []))
        {
            Problem(setting, $"{setting.Key} is set without certfile, so nothing is served over TLS; set certfile (and keyfile) to serve HTTPS, or remove {setting.Key}");
        }
    }

    /// <summary>
    /// Gunicorn quietly serves HTTP/1.1 when h2 cannot be negotiated; here asking for h2 with no way to speak it, or
    /// for h2c without h2, is refused.
    /// </summary>
    private void Http2HasAWayToBeSpoken(SupervisorConfig config)
    {
        var h2 = config.Get(Settings.HttpProtocols).Contains("h2");
        var cleartext = config.Get(Settings.Http2Cleartext) == "prior-knowledge";
        if (h2 && !cleartext && config.Get(Settings.CertFile) is null)
        {
            Problem(Settings.HttpProtocols,
                "http_protocols has h2, but without TLS there is no ALPN to negotiate it: set certfile and keyfile, or http2_cleartext = \"prior-knowledge\" to serve h2c behind a proxy that speaks HTTP/2");
        }
        else if (cleartext && !h2)
        {
            Problem(Settings.Http2Cleartext, "http2_cleartext = \"prior-knowledge\" needs h2 in http_protocols, as in http_protocols = [\"h1\", \"h2\"]");
        }
    }

    private void Problem(Setting setting, string message) =>
        _problems.Add(new ConfigProblem(_values[setting.Key].Origin, message));
}
