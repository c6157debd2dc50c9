using System.CommandLine.Parsing;
using System.Globalization;
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

    public ConfigValidator(IReadOnlyDictionary<string, RawValue> values, List<ConfigProblem> problems, int processorCount)
    {
        _values = values;
        _problems = problems;
        _processorCount = processorCount;
    }

    public SupervisorConfig? Validate(string? configFile)
    {
        var maxRequests = Int(Settings.MaxRequests, 0, int.MaxValue, "an integer >= 0 (0 turns recycling off)");
        var jitter = Int(Settings.MaxRequestsJitter, 0, int.MaxValue, "an integer >= 0");

        // As Gunicorn: without recycling there is no quota to jitter, so the jitter is ignored rather than refused.
        if (maxRequests > 0 && jitter > maxRequests)
        {
            var raw = _values[Settings.MaxRequestsJitter.Key];
            _problems.Add(new ConfigProblem(raw.Origin,
                $"max_requests_jitter = {jitter} is not valid: it must not be above max_requests ({maxRequests})"));
        }

        var (user, owner) = UserAndGroup();
        var allowRemote = Bool(Settings.ControlAllowRemote);
        var lifetime = Int(Settings.MaxWorkerLifetime, 0, MaxSeconds, $"a whole number of seconds from 0 to {MaxSeconds} (0 turns it off)");
        var lifetimeJitter = Int(Settings.MaxWorkerLifetimeJitter, 0, MaxSeconds, $"a whole number of seconds from 0 to {MaxSeconds}");
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
            Timeout = Int(Settings.Timeout, 0, MaxSeconds, $"a whole number of seconds from 0 to {MaxSeconds} (0 turns it off)"),
            GracefulTimeout = Int(Settings.GracefulTimeout, 0, MaxSeconds, $"a whole number of seconds from 0 to {MaxSeconds}"),
            Backlog = Int(Settings.Backlog, 1, 65535, "an integer from 1 to 65535"),
            MaxRequests = maxRequests,
            MaxRequestsJitter = jitter,
            KeepAlive = Int(Settings.KeepAlive, 0, MaxSeconds, $"a whole number of seconds from 0 to {MaxSeconds}"),
            LogLevel = Choice(Settings.LogLevel, LogLevelName.Info),
            AccessLog = Path(Settings.AccessLog),
            ErrorLog = Path(Settings.ErrorLog) ?? "-",
            AccessLogFormat = String(Settings.AccessLogFormat),
            LogFormat = Choice(Settings.LogFormat, LogFormat.Text),
            PidFile = Path(Settings.PidFile),
            LimitRequestLine = Int(Settings.LimitRequestLine, 0, 8190, "an integer from 0 to 8190 (0 means unlimited)"),
            LimitRequestFields = Int(Settings.LimitRequestFields, 1, 32768, "an integer from 1 to 32768"),
            LimitRequestFieldSize = Int(Settings.LimitRequestFieldSize, 0, int.MaxValue, "an integer >= 0 (0 means unlimited)"),
            ReloadStrategy = Choice(Settings.ReloadStrategy, ReloadStrategy.All),
            Chdir = Folder(Settings.Chdir),
            MaxWorkerMemory = Int(Settings.MaxWorkerMemory, 0, 1024 * 1024, "a whole number of MiB from 0 to 1048576 (0 turns it off)"),
            MaxWorkerLifetime = lifetime,
            MaxWorkerLifetimeJitter = lifetimeJitter,
            TimeoutDump = Bool(Settings.TimeoutDump),
            ControlBind = ControlAddress(allowRemote),
            ControlAllowRemote = allowRemote,
            User = user,
            Group = _values.TryGetValue(Settings.Group.Key, out var g) && g.Value is string { Length: > 0 } name ? name : null,
            WorkerOwner = owner,
        };
        return _problems.Count == 0 ? config : null;
    }

    private int Int(SettingDefinition setting, long min, long max, string allowed)
    {
        var raw = _values[setting.Key];
        if (AsLong(raw) is { } number && number >= min && number <= max)
        {
            return (int)number;
        }

        Invalid(setting, raw, allowed);
        return (int)Math.Clamp(AsLong(raw) ?? min, min, max);
    }

    private int Workers()
    {
        var raw = _values[Settings.Workers.Key];
        if (raw.Value is string text && text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return Math.Min(MaxWorkers, (2 * _processorCount) + 1);
        }

        if (AsLong(raw) is { } number && number >= 1 && number <= MaxWorkers)
        {
            return (int)number;
        }

        Invalid(Settings.Workers, raw, $"an integer from 1 to {MaxWorkers}, or \"auto\" (2 x CPUs + 1)");
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
            Invalid(Settings.App, raw, "a non-empty command: a string, or an array of strings such as [\"dotnet\", \"app.dll\"]");
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
                Invalid(Settings.User, rawUser, "the name of a user that exists on this system");
            }
        }

        if (_values.TryGetValue(Settings.Group.Key, out var rawGroup) && rawGroup.Value is not "")
        {
            var gid = rawGroup.Value is string group && group.Length > 0 ? Platform.Libc.FindGroup(group) : null;
            if (gid is null)
            {
                Invalid(Settings.Group, rawGroup, "the name of a group that exists on this system");
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

    /// <summary>A folder that exists, resolved against its origin's folder; null when unset.</summary>
    private string? Folder(SettingDefinition setting)
    {
        var path = Path(setting);
        if (path is not null && !Directory.Exists(path))
        {
            _problems.Add(new ConfigProblem(_values[setting.Key].Origin, $"{setting.Key} = {_values[setting.Key].Display} is not valid: the folder {path} does not exist"));
        }

        return path;
    }

    private bool Bool(SettingDefinition setting)
    {
        var raw = _values[setting.Key];
        switch (raw.Value)
        {
            case bool value:
                return value;
            case string text when raw.Origin.Source != ValueSource.File && bool.TryParse(text.Trim(), out var parsed):
                return parsed;
            default:
                Invalid(setting, raw, "true or false");
                return false;
        }
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
            Invalid(Settings.ControlBind, raw, "a TCP address HOST:PORT, such as 127.0.0.1:9100");
            return null;
        }

        var loopback = address.Host == "localhost" || (System.Net.IPAddress.TryParse(address.Host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
        if (!loopback && !allowRemote)
        {
            _problems.Add(new ConfigProblem(raw.Origin,
                $"control_bind = {raw.Display} is not valid: it is not a loopback address, and the endpoint has no authentication; bind it to 127.0.0.1, or set control_allow_remote = true to expose it anyway"));
        }

        return address;
    }

    private List<BindAddress> Binds()
    {
        var raw = _values[Settings.Bind.Key];
        var texts = Strings(raw.Value);
        if (texts is null || texts.Count == 0)
        {
            Invalid(Settings.Bind, raw, "an address or an array of addresses: HOST:PORT, [IPv6]:PORT, unix:PATH or fd://N");
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

    private TEnum Choice<TEnum>(SettingDefinition setting, TEnum fallback)
        where TEnum : struct, Enum
    {
        var raw = _values[setting.Key];
        if (raw.Value is string text && Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value)
            && !int.TryParse(text, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }

        var names = Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToList();
        Invalid(setting, raw, "one of " + string.Join(", ", names));
        return fallback;
    }

    private string String(SettingDefinition setting)
    {
        var raw = _values[setting.Key];
        if (raw.Value is string text && text.Length > 0)
        {
            return text;
        }

        Invalid(setting, raw, "a non-empty string");
        return "";
    }

    /// <summary>A file path resolved against its origin's folder; "-" passes through, "" means unset.</summary>
    private string? Path(SettingDefinition setting)
    {
        if (!_values.TryGetValue(setting.Key, out var raw))
        {
            return null;
        }

        // Only the logs have a standard stream to stand for with "-".
        var stream = setting == Settings.AccessLog || setting == Settings.ErrorLog;
        if (raw.Value is not string text)
        {
            Invalid(setting, raw, "a file path as a string" + (stream ? ", or \"-\"" : ""));
            return null;
        }

        return text switch
        {
            "" => null,
            "-" when stream => "-",
            _ => System.IO.Path.GetFullPath(text, raw.Origin.BaseDirectory),
        };
    }

    private static List<string>? Strings(object value) => value switch
    {
        string text => [text],
        string[] texts => [.. texts],
        object[] items when items.All(i => i is string) => items.Cast<string>().ToList(),
        _ => null,
    };

    /// <summary>A TOML integer, or the text of a flag or variable; a TOML string is not a number.</summary>
    private static long? AsLong(RawValue raw) =>
        raw.Origin.Source == ValueSource.File && raw.Value is string ? null : AsLong(raw.Value);

    private static long? AsLong(object value) => value switch
    {
        long number => number,
        string text when long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    private void Invalid(SettingDefinition setting, RawValue raw, string allowed)
    {
        var found = raw.Origin.Source != ValueSource.File && raw.Value is string text && AsLong(text) is { } number
            ? number.ToString(CultureInfo.InvariantCulture)
            : raw.Display;
        _problems.Add(new ConfigProblem(raw.Origin, $"{setting.Key} = {found} is not valid: expected {allowed}"));
    }
}
