using Supervisor.Configuration.Values;
using Supervisor.Worker.Protocol;

namespace Supervisor.Configuration.Catalogue;

/// <summary>The processes themselves: the master's pidfile, and who, where and with what the workers run.</summary>
internal static partial class Settings
{
    public static readonly Setting<int> Umask = new()
    {
        Key = "umask",
        Section = ProcessSection,
        Type = "integer 0..0o777, or a string such as \"0o022\", \"022\" or \"0x12\"",
        Default = 0L,
        Help = "The umask a unix socket of bind is created under: 0 leaves it open to every user (mode 0777), as Gunicorn does.",
        Details = "A leading 0 means octal, as in Gunicorn (`\"022\"`); TOML's own `0o022` works too. The files the master writes (pidfile, logs, scoreboard) have explicit modes.",
        Flag = "--umask",
        ShortFlag = "-m",
        HelpName = "INT",
        Parse = ReadUmask,
    };

    public static readonly Setting<IReadOnlyList<KeyValuePair<string, string>>> RawEnv = new()
    {
        Key = "raw_env",
        Section = ProcessSection,
        Type = "array of \"KEY=VALUE\" strings",
        Default = Array.Empty<object>(),
        Help = "Environment variables set in every worker, each KEY=VALUE.",
        Details = "They are set over the master's own environment; the SUPERVISOR_ variables of the worker contract cannot be set this way.",
        Flag = "--env",
        ShortFlag = "-e",
        HelpName = "KEY=VALUE",
        Repeatable = true,
        Unset = [],
        Parse = ReadEnvironment,
        Printer = pairs => pairs.Select(p => (object)$"{p.Key}={p.Value}").ToArray(),
    };

    public static readonly Setting<bool> Daemon = new()
    {
        Key = "daemon",
        Section = ProcessSection,
        GunicornDifference = "`supervisor run -D` returns once the workers are READY, or prints why the master stopped before and exits non-zero; Gunicorn returns at once. The master keeps the working directory and umask it was started with.",
        Type = "boolean",
        Default = false,
        Help = "Detach the master from the terminal once its workers are READY; until then what it logs is shown, and a failure is the command's exit code.",
        Details = "The master runs in a session of its own with stdin, stdout and stderr on /dev/null: set `errorlog` (and `accesslog`) to files, and `pidfile` so `supervisor stop`, `reload` and `status` find it. Refused under systemd (`NOTIFY_SOCKET` or socket activation): a service, like a container, runs the master in the foreground.",
        Flag = "--daemon",
        ShortFlag = "-D",
        HelpName = "true|false",
        Parse = value => value.Bool(),
    };

    public static readonly Setting<string?> PidFile = new()
    {
        Key = "pidfile",
        Section = ProcessSection,
        Type = "path",
        Help = "Write the master's process id to this file.",
        Details = "`supervisor reload`, `stop` and `status` find the master through it.",
        Flag = "--pid",
        ShortFlag = "-p",
        HelpName = "FILE",
        Parse = value => value.Path(),
    };

    public static readonly Setting<UserAccount?> User = new()
    {
        Key = "user",
        Section = ProcessSection,
        Type = "user name",
        DefaultNote = "the master's user",
        Help = "Run workers as this user (the master must run as root). Unset: as the master's user.",
        Flag = "--user",
        ShortFlag = "-u",
        HelpName = "USER",
        Parse = ReadUser,
        Printer = user => user?.Name ?? "",
    };

    public static readonly Setting<GroupAccount?> Group = new()
    {
        Key = "group",
        Section = ProcessSection,
        GunicornDifference = "It must be the primary group of user.",
        Type = "group name",
        DefaultNote = "the user's primary group",
        Help = "Run workers with this group; it must be the user's primary group. Unset: the user's primary group.",
        Details = "Workers start as the user with its primary group, so another group cannot be honoured and is refused.",
        Flag = "--group",
        ShortFlag = "-g",
        HelpName = "GROUP",
        Parse = ReadGroup,
        Printer = group => group?.Name ?? "",
    };

    public static readonly Setting<string?> ProcName = new()
    {
        Key = "proc_name",
        Section = ProcessSection,
        Type = "string",
        DefaultNote = "the executables' own names",
        Help = "The name ps -o comm, top and pgrep show: \"NAME master\" and \"NAME worker\", or NAME alone when that passes Linux's 15 bytes.",
        GunicornDifference = "Linux's process name (comm, 15 bytes) rather than the whole command line Gunicorn rewrites with setproctitle.",
        Flag = "--name",
        ShortFlag = "-n",
        HelpName = "NAME",
        Parse = ReadProcName,
        Worker = (contract, name) => contract with { ProcName = name ?? "" },
    };

    public static readonly Setting<bool> Initgroups = new()
    {
        Key = "initgroups",
        Section = ProcessSection,
        Type = "true",
        Default = true,
        Help = "Workers get the supplementary groups of user as well as its primary group.",
        Details = "Always so: the .NET runtime sets them when it starts a process as another user. `false` is refused rather than ignored.",
        GunicornDifference = "Always true (Gunicorn's default is false): the .NET runtime gives a process started as another user that user's supplementary groups.",
        Flag = "--initgroups",
        HelpName = "true",
        Parse = ReadInitgroups,
    };

    public static readonly Setting<string?> Chdir = new()
    {
        Key = "chdir",
        Section = ProcessSection,
        GunicornDifference = "Workers run in it; the master stays where it started.",
        Type = "path",
        DefaultNote = "the master's working directory",
        Help = "The folder workers run in (an ASP.NET Core app reads its appsettings.json from there). Unset: the master's.",
        Flag = "--chdir",
        HelpName = "FOLDER",
        Parse = value => value.Folder(),
    };

    private static int ReadUmask(ValueReader value)
    {
        const string Allowed = "a umask from 0 to 0o777: an integer, or a string such as \"0o022\", \"022\" (octal) or \"0x12\"";
        long? mask = value.Raw.Value switch
        {
            long number => number,
            string text => ParseMask(text.Trim()),
            _ => null,
        };
        if (mask is >= 0 and <= 511)
        {
            return (int)mask.Value;
        }

        value.Invalid(Allowed);
        return 0;
    }

    /// <summary>As Python's int(text, 0) after Gunicorn's rewrite of a leading 0 to 0o: "0o22", "022", "0x12", "18".</summary>
    private static long? ParseMask(string text)
    {
        var (digits, radix) = text.ToLowerInvariant() switch
        {
            ['0', 'o', .. var rest] => (rest, 8),
            ['0', 'x', .. var rest] => (rest, 16),
            ['0', 'b', .. var rest] => (rest, 2),
            ['0', .. var rest] when rest.Length > 0 => (rest, 8),
            var rest => (rest, 10),
        };
        if (digits.Length == 0 || digits.Length > 12)
        {
            return null;
        }

        long mask = 0;
        foreach (var digit in digits)
        {
            var d = digit is >= '0' and <= '9' ? digit - '0' : digit is >= 'a' and <= 'f' ? digit - 'a' + 10 : radix;
            if (d >= radix)
            {
                return null;
            }

            mask = (mask * radix) + d;
        }

        return mask;
    }

    private static List<KeyValuePair<string, string>> ReadEnvironment(ValueReader value)
    {
        var entries = value.Strings();
        if (entries is null)
        {
            value.Invalid("an array of \"KEY=VALUE\" strings, such as [\"ASPNETCORE_ENVIRONMENT=Production\"]");
            return [];
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                value.Problem($"raw_env = {RawValue.Format(entry)} is not valid: expected KEY=VALUE, as in \"ASPNETCORE_ENVIRONMENT=Production\"");
            }
            else if (entry.StartsWith(ContractVariables.Prefix, StringComparison.Ordinal))
            {
                value.Problem($"raw_env = {RawValue.Format(entry)} is not valid: {ContractVariables.Prefix} variables are the master's contract with its workers and are set by the master");
            }
            else
            {
                pairs.Add(new(entry[..equals], entry[(equals + 1)..]));
            }
        }

        return pairs;
    }

    private static string? ReadProcName(ValueReader value)
    {
        var name = value.OptionalString();
        if (name is not null && (name.Any(char.IsControl) || name.Contains('/', StringComparison.Ordinal)))
        {
            value.Problem($"proc_name = {value.Raw.Display} is not valid: a process name has no control characters or slashes");
            return null;
        }

        return name;
    }

    private static bool ReadInitgroups(ValueReader value)
    {
        if (!value.Bool())
        {
            value.Problem($"initgroups = false is not valid: workers always get the supplementary groups of user, which the .NET runtime sets when it starts a process as another user; remove the setting");
        }

        return true;
    }

    private static UserAccount? ReadUser(ValueReader value)
    {
        if (value.Raw.Value is "")
        {
            return null;
        }

        if (value.Raw.Value is string name && name.Length > 0 && Platform.Libc.FindUser(name) is { } ids)
        {
            return new UserAccount(name, ids.Uid, ids.Gid);
        }

        value.Invalid("the name of a user that exists on this system");
        return null;
    }

    private static GroupAccount? ReadGroup(ValueReader value)
    {
        if (value.Raw.Value is "")
        {
            return null;
        }

        if (value.Raw.Value is string name && name.Length > 0 && Platform.Libc.FindGroup(name) is { } gid)
        {
            return new GroupAccount(name, gid);
        }

        value.Invalid("the name of a group that exists on this system");
        return null;
    }
}
