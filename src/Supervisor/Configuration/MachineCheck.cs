using System.Globalization;
using Supervisor.Configuration.Catalogue;
using Supervisor.Configuration.Values;
using Supervisor.Platform;

namespace Supervisor.Configuration;

/// <summary>
/// What a valid configuration asks of this machine, checked before anything starts: the app can be executed and
/// can become a worker the way app_mode asks (<see cref="AppModeCheck"/>),
/// the log and pidfile folders exist and the master can write there, a unix socket's folder too, and every
/// fd://N is an open socket. Separate from <see cref="ConfigValidator"/>, which only reads values: these answers
/// depend on the filesystem and the process, and may change between a check and a run.
/// </summary>
internal static class MachineCheck
{
    /// <param name="values">The merged values, for where each setting came from.</param>
    /// <param name="path">The PATH a bare executable name is looked up on.</param>
    public static IReadOnlyList<ConfigProblem> Run(SupervisorConfig config, IReadOnlyDictionary<string, RawValue> values, string? path)
    {
        var problems = new List<ConfigProblem>();
        void Add(Setting setting, string reason, string? shown = null)
        {
            var raw = values.GetValueOrDefault(setting.Key);
            var found = shown ?? raw?.Display ?? "";
            problems.Add(new ConfigProblem(raw?.Origin, $"{setting.Key} = {found} is not valid: {reason}") { Key = setting.Key });
        }

        if (config.Get(Settings.App).Count > 0 && App(config.Get(Settings.App)[0], path) is { } app)
        {
            Add(Settings.App, app);
        }
        else if (AppModeCheck.Problem(config, path) is { } mode)
        {
            Add(mode.Setting, mode.Reason);
        }

        foreach (var (setting, file) in new (Setting, string?)[] { (Settings.ErrorLog, config.Get(Settings.ErrorLog)), (Settings.AccessLog, config.Get(Settings.AccessLog)) })
        {
            if (file is not null and not "-" && WritableFile(file, mustWriteFile: true) is { } log)
            {
                Add(setting, log);
            }
        }

        if (config.Get(Settings.PidFile) is { } pidFile && WritableFile(pidFile, mustWriteFile: false) is { } pid)
        {
            // The pidfile is written beside itself and renamed over the old one: only its folder must be writable.
            Add(Settings.PidFile, pid);
        }

        foreach (var bind in config.Get(Settings.Bind))
        {
            if (Bind(bind) is { } reason)
            {
                Add(Settings.Bind, reason, RawValue.Format(bind.ToString()));
            }
        }

        if (config.Get(Settings.CertFile) is { } certFile)
        {
            var (cert, key) = CertificateFiles.Check(certFile, config.Get(Settings.KeyFile));
            if (cert is not null)
            {
                Add(Settings.CertFile, cert);
            }

            if (key is not null)
            {
                Add(Settings.KeyFile, key);
            }
        }

        if (config.Get(Settings.CaCerts) is { } caCerts && CertificateFiles.CheckAuthorities(caCerts) is { } authorities)
        {
            Add(Settings.CaCerts, authorities);
        }

        return problems;
    }

    /// <summary>
    /// A path (one with a slash) names the file; a bare name is looked up on PATH, as a shell would. Null when it
    /// can be executed.
    /// </summary>
    private static string? App(string executable, string? path)
    {
        if (!executable.Contains('/', StringComparison.Ordinal))
        {
            var candidates = (path ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, executable)).Where(File.Exists).ToList();
            if (candidates.Count == 0)
            {
                return $"no program named {executable} on PATH ({path}); install it, or give its path";
            }

            return candidates.Any(FileProbe.CanExecute)
                ? null
                : $"{candidates[0]} is not executable by this user; make it executable (chmod +x) or give another path";
        }

        if (Directory.Exists(executable))
        {
            return $"{executable} is a folder, not a program; name the executable in it";
        }

        if (!File.Exists(executable))
        {
            return $"{executable} does not exist; build or publish the app there, or correct the path";
        }

        return FileProbe.CanExecute(executable)
            ? null
            : $"{executable} is not executable by this user; make it executable (chmod +x), or run it through its runtime, as in [\"dotnet\", \"app.dll\"]";
    }

    /// <summary>
    /// The folder must exist (it is not created: a tree made by a master running as root would belong to root) and
    /// be writable by the master, which opens or replaces the file itself.
    /// </summary>
    private static string? WritableFile(string file, bool mustWriteFile)
    {
        var folder = Path.GetDirectoryName(file) ?? "/";
        if (Directory.Exists(file))
        {
            return $"{file} is a folder; name a file in it";
        }

        if (!Directory.Exists(folder))
        {
            return $"the folder {folder} does not exist; create it, writable by the master's user ({UserId()}), or choose another path";
        }

        if (mustWriteFile && File.Exists(file))
        {
            return FileProbe.CanWrite(file)
                ? null
                : $"{file} exists and is not writable by the master's user ({UserId()}); change its owner or mode, or choose another path";
        }

        return FileProbe.CanWrite(folder)
            ? null
            : $"the folder {folder} is not writable by the master's user ({UserId()}); change its owner or mode, or choose another path";
    }

    private static string? Bind(BindAddress bind)
    {
        switch (bind.Kind)
        {
            case BindKind.FileDescriptor:
                return FileProbe.Descriptor(bind.Fd) switch
                {
                    DescriptorKind.Closed => $"descriptor {Text(bind.Fd)} is not open in this process; start the supervisor with the socket open on it (systemd socket activation, or a parent that leaves it inheritable)",
                    DescriptorKind.NotASocket => $"descriptor {Text(bind.Fd)} is open but is not a socket",
                    _ => null,
                };
            case BindKind.Unix:
                var folder = Path.GetDirectoryName(bind.Path) ?? "/";
                if (!Directory.Exists(folder))
                {
                    return $"the folder {folder} does not exist; create it, or choose another path";
                }

                if ((File.Exists(bind.Path) || Directory.Exists(bind.Path)) && !Libc.IsSocket(bind.Path))
                {
                    return $"{bind.Path} exists and is not a socket; remove it or choose another path";
                }

                return FileProbe.CanWrite(folder)
                    ? null
                    : $"the folder {folder} is not writable by the master's user ({UserId()}), so the socket cannot be created there";
            default:
                return null;
        }
    }

    private static string UserId() => "uid " + Libc.GetEffectiveUserId().ToString(CultureInfo.InvariantCulture);

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
