using System.CommandLine.Parsing;
using Supervisor.Worker.Logging;

namespace Supervisor.Configuration;

/// <summary>
/// Turns the merged raw values into a <see cref="SupervisorConfig"/>, collecting every problem rather than
/// stopping at the first.
/// </summary>
internal sealed class ConfigValidator
{
    /// <summary>Seconds whose milliseconds still fit the runtime's timers (int milliseconds).</summary>
    public const int MaxSeconds = int.MaxValue / 1000;

    /// <summary>Workers the scoreboard has room for, with a whole second generation during a reload.</summary>
    public const int MaxWorkers = 1000;

    private readonly IReadOnlyDictionary<string, RawValue> _values;
    private readonly List<ConfigProblem> _problems;
    private readonly int _processorCount;
    private readonly RawValueReader _read;

    public ConfigValidator(IReadOnlyDictionary<string, RawValue> values, List<ConfigProblem> problems, int processorCount)
    {
        _values = values;
        _problems = problems;
        _processorCount = processorCount;
        _read = new RawValueReader(values, problems);
    }

    public SupervisorConfig? Validate(string? configFile)
    {
        var maxRequests = _read.Int(Settings.MaxRequests, 0, int.MaxValue, "an integer >= 0 (0 turns recycling off)");
        var jitter = _read.Int(Settings.MaxRequestsJitter, 0, int.MaxValue, "an integer >= 0");

        // As Gunicorn: without recycling there is no quota to jitter, so the jitter is ignored rather than refused.
        if (maxRequests > 0 && jitter > maxRequests)
        {
            var raw = _values[Settings.MaxRequestsJitter.Key];
            _problems.Add(new ConfigProblem(raw.Origin,
                $"max_requests_jitter = {jitter} is not valid: it must not be above max_requests ({maxRequests})"));
        }

        var (user, owner) = UserAndGroup();
        var allowRemote = _read.Bool(Settings.ControlAllowRemote);
        var lifetime = _read.Int(Settings.MaxWorkerLifetime, 0, MaxSeconds, $"a whole number of seconds from 0 to {MaxSeconds} (0 turns it off)");
        var lifetimeJitter = _read.Int(Settings.MaxWorkerLifetimeJitter, 0, MaxSeconds, $"a whole number of seconds from 0 to {MaxSeconds}");
        if (lifetimeJitter > lifetime)
        {
            _problems.Add(new ConfigProblem(_values[Settings.MaxWorkerLifetimeJitter.Key].Origin,
                $"max_worker_lifetime_jitter = {lifetimeJitter} is not valid: it must not be above max_worker_lifetime ({lifetime})"));
        }

        var config = new SupervisorConfig
        {
            ConfigFile = configFile,
            App = App(),
            Workers = Workers(),
            Bind = Binds(),
            Timeout = _read.Int(Settings.Timeout, 0, MaxSeconds, $"a whole number of seconds from 0 to {MaxSeconds} (0 turns it off)"),
            GracefulTimeout = _read.Int(Settings.GracefulTimeout, 0, MaxSeconds, $"a whole number of seconds from 0 to {MaxSeconds}"),
            Backlog = _read.Int(Settings.Backlog, 1, 65535, "an integer from 1 to 65535"),
            MaxRequests = maxRequests,
            MaxRequestsJitter = jitter,
            KeepAlive = _read.Int(Settings.KeepAlive, 0, MaxSeconds, $"a whole number of seconds from 0 to {MaxSeconds}"),
            LogLevel = _read.Choice(Settings.LogLevel, LogLevelName.Info),
            AccessLog = _read.Path(Settings.AccessLog),
            ErrorLog = _read.Path(Settings.ErrorLog) ?? "-",
            AccessLogFormat = _read.String(Settings.AccessLogFormat),
            LogFormat = _read.Choice(Settings.LogFormat, LogFormat.Text),
            PidFile = _read.Path(Settings.PidFile),
            LimitRequestLine = _read.Int(Settings.LimitRequestLine, 0, 8190, "an integer from 0 to 8190 (0 means unlimited)"),
            LimitRequestFields = _read.Int(Settings.LimitRequestFields, 1, 32768, "an integer from 1 to 32768"),
            LimitRequestFieldSize = _read.Int(Settings.LimitRequestFieldSize, 0, int.MaxValue, "an integer >= 0 (0 means unlimited)"),
            ReloadStrategy = _read.Choice(Settings.ReloadStrategy, ReloadStrategy.All),
            Chdir = _read.Folder(Settings.Chdir),
            MaxWorkerMemory = _read.Int(Settings.MaxWorkerMemory, 0, 1024 * 1024, "a whole number of MiB from 0 to 1048576 (0 turns it off)"),
            MaxWorkerLifetime = lifetime,
            MaxWorkerLifetimeJitter = lifetimeJitter,
            TimeoutDump = _read.Bool(Settings.TimeoutDump),
            SlowRequestTimeout = _read.Int(Settings.SlowRequestTimeout, 0, MaxSeconds, $"a whole number of seconds from 0 to {MaxSeconds} (0 turns it off)"),
            ControlBind = ControlAddress(allowRemote),
            ControlAllowRemote = allowRemote,
            ControlTokenFile = ControlTokenFile(allowRemote),
            User = user,
            Group = _values.TryGetValue(Settings.Group.Key, out var g) && g.Value is string { Length: > 0 } name ? name : null,
            WorkerOwner = owner,
        };
        return _problems.Count == 0 ? config : null;
    }

    private int Workers()
    {
        var raw = _values[Settings.Workers.Key];
        if (raw.Value is string text && text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return Math.Min(MaxWorkers, (2 * _processorCount) + 1);
        }

        if (RawValueReader.AsLong(raw) is { } number && number >= 1 && number <= MaxWorkers)
        {
            return (int)number;
        }

        _read.Invalid(Settings.Workers, raw, $"an integer from 1 to {MaxWorkers}, or \"auto\" (2 x CPUs + 1)");
        return 1;
    }

    private List<string> App()
    {
        if (!_values.TryGetValue(Settings.App.Key, out var raw))
        {
            _problems.Add(new ConfigProblem(null,
                "no worker command: set app in the config file (app = [\"./out/app/SampleApp\"]) or give it after --, as in 'supervisor run -- ./MyApp'"));
            return [];
        }

        var words = raw.Value switch
        {
            string text => CommandLineParser.SplitCommandLine(text).ToList(),
            object[] items when items.All(i => i is string) => items.Cast<string>().ToList(),
            _ => null,
        };
        if (words is null || words.Count == 0 || words[0].Length == 0)
        {
            _read.Invalid(Settings.App, raw, "a non-empty command: a string, or an array of strings such as [\"dotnet\", \"app.dll\"]");
            return [];
        }

        // A relative executable path in the file is relative to the file; a bare name is looked up on PATH.
        if (words[0].Contains('/', StringComparison.Ordinal))
        {
            words[0] = System.IO.Path.GetFullPath(words[0], raw.Origin.BaseDirectory);
        }

        return words;
    }

    /// <summary>
    /// Workers are started as the user with its primary group (the runtime's only way to switch user at
    /// start), so a group other than that one cannot be honoured and is refused rather than ignored.
    /// </summary>
    private (string? User, (uint Uid, uint Gid)? Owner) UserAndGroup()
    {
        string? user = null;
        (uint Uid, uint Gid)? owner = null;
        if (_values.TryGetValue(Settings.User.Key, out var rawUser) && rawUser.Value is not "")
        {
            if (rawUser.Value is string name && name.Length > 0 && Platform.Libc.FindUser(name) is { } ids)
            {
                (user, owner) = (name, ids);
            }
            else
            {
                _read.Invalid(Settings.User, rawUser, "the name of a user that exists on this system");
            }
        }

        if (_values.TryGetValue(Settings.Group.Key, out var rawGroup) && rawGroup.Value is not "")
        {
            var gid = rawGroup.Value is string group && group.Length > 0 ? Platform.Libc.FindGroup(group) : null;
            if (gid is null)
            {
                _read.Invalid(Settings.Group, rawGroup, "the name of a group that exists on this system");
            }
            else if (owner is null)
            {
                _problems.Add(new ConfigProblem(rawGroup.Origin, "group is set without user; set user too (workers take the user's primary group)"));
            }
            else if (owner.Value.Gid != gid)
            {
                _problems.Add(new ConfigProblem(rawGroup.Origin, $"group = {rawGroup.Display} is not valid: it must be the primary group of user {user}"));
            }
        }

        return (user, owner);
    }

    /// <summary>
    /// The control endpoint answers without credentials and shows every worker's request line: loopback only,
    /// unless the user says otherwise.
    /// </summary>
    private BindAddress? ControlAddress(bool allowRemote)
    {
        if (!_values.TryGetValue(Settings.ControlBind.Key, out var raw) || raw.Value is "")
        {
            return null;
        }

        if (raw.Value is not string text || BindAddress.TryParse(text.Trim(), raw.Origin.BaseDirectory, out _) is not { Kind: BindKind.Tcp } address)
        {
            _read.Invalid(Settings.ControlBind, raw, "a TCP address HOST:PORT, such as 127.0.0.1:9100");
            return null;
        }

        var loopback = address.Host == "localhost" || (System.Net.IPAddress.TryParse(address.Host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
        if (!loopback && !allowRemote)
        {
            _problems.Add(new ConfigProblem(raw.Origin,
                $"control_bind = {raw.Display} is not valid: it is not a loopback address; bind it to 127.0.0.1, or set control_allow_remote = true and control_token_file to expose it behind a token"));
        }

        return address;
    }

    /// <summary>An endpoint that anyone who can reach it may read must ask for a token.</summary>
    private string? ControlTokenFile(bool allowRemote)
    {
        var path = _read.Path(Settings.ControlTokenFile);
        if (path is null && allowRemote && _values.TryGetValue(Settings.ControlBind.Key, out var bind) && bind.Value is string { Length: > 0 })
        {
            _problems.Add(new ConfigProblem(_values[Settings.ControlAllowRemote.Key].Origin,
                "control_allow_remote = true needs control_token_file: a file holding the token the control endpoint then asks for, or anyone who can reach control_bind can read /metrics and /status"));
        }

        return path;
    }

    private List<BindAddress> Binds()
    {
        var raw = _values[Settings.Bind.Key];
        var texts = RawValueReader.Strings(raw.Value);
        if (texts is null || texts.Count == 0)
        {
            _read.Invalid(Settings.Bind, raw, "an address or an array of addresses: HOST:PORT, [IPv6]:PORT, unix:PATH or fd://N");
            return [];
        }

        var binds = new List<BindAddress>();
        foreach (var text in texts)
        {
            if (BindAddress.TryParse(text.Trim(), raw.Origin.BaseDirectory, out var error) is { } address)
            {
                binds.Add(address);
            }
            else
            {
                _problems.Add(new ConfigProblem(raw.Origin, $"bind = {RawValue.Format(text)} is not valid: {error}"));
            }
        }

        return binds;
    }
}
