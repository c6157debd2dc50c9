using System.Diagnostics;
using System.Globalization;

namespace Integration.Support;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run: <c>initdb</c> and <c>pg_ctl</c> in a temp
/// folder, listening on a free loopback port, started on first use and removed when the test process
/// exits. As root it runs as the <c>postgres</c> user, since PostgreSQL refuses to run as root. Each
/// test takes a database of its own from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer
{
    public const string User = "postgres";
    public const string Password = "it-secret";
    public const string Host = "127.0.0.1";
    private const string FolderPrefix = "supervisor-pg-";

    private static readonly Lazy<Task<PostgresServer>> Instance = new(() => Task.Run(StartAsync));

    private readonly string _folder;

    private PostgresServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>The shared cluster, started by the first test that asks.</summary>
    public static Task<PostgresServer> SharedAsync() => Instance.Value;

    /// <summary>A new, empty database; returns the DATABASE_* variables that point the app at it.</summary>
    public async Task<Dictionary<string, string>> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)].ToLowerInvariant();
        await PsqlAsync("postgres", $"CREATE DATABASE {name}");
        return Variables(name);
    }

    public Dictionary<string, string> Variables(string database) => new()
    {
        ["DATABASE_HOST"] = Host,
        ["DATABASE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["DATABASE_NAME"] = database,
        ["DATABASE_USER"] = User,
        ["DATABASE_PASSWORD"] = Password,
    };

    /// <summary>Runs SQL in a database with psql and returns its unaligned, tuples-only output.</summary>
    public async Task<string> PsqlAsync(string database, string sql)
    {
        var info = new ProcessStartInfo("psql")
        {
            ArgumentList = { "-h", Host, "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", User, "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGPASSWORD"] = Password, ["PGCONNECT_TIMEOUT"] = "5" },
        };
        var (code, output) = await RunAsync(info);
        return code == 0 ? output.Trim() : throw new InvalidOperationException($"psql failed ({code}) on: {sql}\n{output}");
    }

    private static async Task<PostgresServer> StartAsync()
    {
        RemoveClustersOfDeadRuns();
        var folder = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "password"), Password);
        await AsPostgresAsync(["chown", "-R", User, folder], asRoot: true);
        await AsPostgresAsync(["initdb", "-D", Path.Combine(folder, "data"), "-U", User, "--pwfile", Path.Combine(folder, "password"),
            "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync"]);

        // A free port can be taken between the check and the bind: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var server = new PostgresServer(folder, port);
            try
            {
                await AsPostgresAsync(["pg_ctl", "-D", server.DataFolder, "-l", Path.Combine(folder, "postgres.log"), "-w", "-t", "60", "start",
                    "-o", $"-p {port} -k {folder} -c listen_addresses={Host} -c fsync=off -c max_connections=200"]);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
                server.StartWatchdog();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Next port.
            }
        }
    }

    /// <summary>
    /// The test host may be killed before its exit handlers finish (the runner does not wait long), or
    /// killed outright: a small shell outlives it, then stops the cluster and removes the folder.
    /// </summary>
    private void StartWatchdog()
    {
        var stop = string.Join(' ', PostgresCommand(["pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop"], asRoot: false) is var info
            ? [info.FileName, .. info.ArgumentList] : Array.Empty<string>());
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
            $"[ -f '{DataFolder}/postmaster.pid' ] && {stop} >/dev/null 2>&1; rm -rf '{_folder}'";
        var watchdog = new ProcessStartInfo("sh") { ArgumentList = { "-c", script }, UseShellExecute = false };
        Process.Start(watchdog)?.Dispose();
    }

    private void Stop()
    {
        StopCluster(DataFolder);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in temp; the next run removes it.
        }
    }

    private static void StopCluster(string dataFolder)
    {
        if (!File.Exists(Path.Combine(dataFolder, "postmaster.pid")))
        {
            return;
        }

        var info = PostgresCommand(["pg_ctl", "-D", dataFolder, "-m", "immediate", "-w", "-t", "20", "stop"], asRoot: false);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        using var stop = Process.Start(info)!;
        stop.WaitForExit(30_000);
    }

    /// <summary>Clusters of test runs that were killed before they could stop theirs.</summary>
    private static void RemoveClustersOfDeadRuns()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var name = Path.GetFileName(folder)[FolderPrefix.Length..];
            if (int.TryParse(name.Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !ProcessProbe.IsAlive(pid))
            {
                StopCluster(Path.Combine(folder, "data"));
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Not ours to insist on.
                }
            }
        }
    }

    private static async Task AsPostgresAsync(string[] command, bool asRoot = false)
    {
        var info = PostgresCommand(command, asRoot);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        var (code, output) = await RunAsync(info);
        if (code != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed ({code}):\n{output}");
        }
    }

    /// <summary>PostgreSQL refuses to run as root: as root, its commands run as the postgres user.</summary>
    private static ProcessStartInfo PostgresCommand(string[] command, bool asRoot)
    {
        var root = Environment.UserName == "root";
        if (asRoot && !root)
        {
            return new ProcessStartInfo("true");
        }

        var info = new ProcessStartInfo(root && !asRoot ? "runuser" : command[0]);
        foreach (var argument in root && !asRoot ? ["-u", User, "--", .. command] : command[1..])
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static async Task<(int Code, string Output)> RunAsync(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not finish within 90 s.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
