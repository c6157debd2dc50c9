using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Integration.Support;

namespace Integration;

/// <summary>The access log of real workers under a real master: its lines, its JSON form, USR1 and concurrency.</summary>
public sealed class AccessLogTests
{
    private const string Ready = @"Worker \(pid:\d+\) is ready";
    private const string EveryAtom =
        "%(h)s|%(l)s|%(u)s|%(t)s|%(r)s|%(m)s|%(U)s|%(q)s|%(H)s|%(s)s|%(B)s|%(b)s|%(f)s|%(a)s|%(T)s|%(M)s|%(D)s|%(L)s|%(p)s" +
        "|%({x-request-id}i)s|%({content-type}o)s|%({SUPERVISOR_SLOT}e)s";

    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static string Config(int port, string more) =>
        $"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\naccesslog = \"access.log\"\n{more}\n";

    private static async Task<MasterRun> StartAsync(string toml, int workers)
    {
        var master = MasterRun.Start(toml);
        try
        {
            await Wait.UntilAsync(() => master.CountLines(Ready) >= workers, TimeSpan.FromSeconds(60), $"{workers} workers ready:\n{master.Output}");
            return master;
        }
        catch
        {
            await master.DisposeAsync();
            throw;
        }
    }

    private static async Task<int> SendAsync(string url, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.ConnectionClose = true;
        headers?.Invoke(request.Headers);
        using var response = await Client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return (int)response.StatusCode;
    }

    private static string[] ReadLines(string path) =>
        File.Exists(path) ? File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];

    private static async Task<string[]> WaitForLinesAsync(string path, int count)
    {
        string[] lines = [];
        await Wait.UntilAsync(() => (lines = ReadLines(path)).Length >= count, TimeSpan.FromSeconds(20), $"{count} lines in {path}, found {lines.Length}");
        return lines;
    }

    /// <summary>True once no descriptor of the process points at <paramref name="moved"/> and one points at <paramref name="path"/>.</summary>
    private static bool WritesTo(int pid, string path, string moved)
    {
        var targets = new DirectoryInfo($"/proc/{pid}/fd").EnumerateFileSystemInfos().Select(fd =>
        {
            try
            {
                return fd.LinkTarget;
            }
            catch (IOException)
            {
                return null;
            }
        }).ToList();
        return targets.Contains(path) && !targets.Contains(moved);
    }

    [Fact]
    public async Task ARequestGivesExactlyOneLineWithEveryAtom()
    {
        var port = FreePort.Next();
        await using var master = await StartAsync(Config(port, $"workers = 1\naccess_log_format = '{EveryAtom}'"), 1);
        var worker = master.WorkerPids.Single();
        var log = Path.Combine(master.Folder, "access.log");

        Assert.Equal(200, await SendAsync($"http://127.0.0.1:{port}/?q=1&x=%20y", headers =>
        {
            headers.Add("X-Request-Id", "req-\"7\"");
            headers.Referrer = new Uri("http://example.com/from");
            headers.UserAgent.ParseAdd("it-client/1.0");
            headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("bob:secret"u8));
        }));
        var first = Assert.Single(await WaitForLinesAsync(log, 1));
        Assert.Equal(404, await SendAsync($"http://127.0.0.1:{port}/nope?z=2"));
        var lines = await WaitForLinesAsync(log, 2);

        Assert.Equal(2, lines.Length);
        Assert.Equal(first, lines[0]);
        var time = @"\[\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\]";
        var durations = @"\d+\|\d+\|\d+\|\d+\.\d{6}";
        Assert.Matches(
            $@"^127\.0\.0\.1\|-\|bob\|{time}\|GET /\?q=1&x=%20y HTTP/1\.1\|GET\|/\|q=1&x=%20y\|HTTP/1\.1\|200\|13\|13\|http://example\.com/from\|it-client/1\.0\|{durations}\|<{worker}>\|req-\\""7\\""\|text/plain; charset=utf-8\|0$",
            lines[0]);
        Assert.Matches(
            $@"^127\.0\.0\.1\|-\|-\|{time}\|GET /nope\?z=2 HTTP/1\.1\|GET\|/nope\|z=2\|HTTP/1\.1\|404\|0\|-\|-\|-\|{durations}\|<{worker}>\|-\|-\|0$",
            lines[1]);
        var atoms = lines[0].Split('|');
        var microseconds = long.Parse(atoms[16], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"{microseconds / 1_000_000}.{microseconds % 1_000_000:D6}", atoms[17]);
        Assert.Equal((microseconds / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), atoms[15]);
    }

    [Fact]
    public async Task TheDefaultFormatIsGunicorns()
    {
        var port = FreePort.Next();
        await using var master = await StartAsync(Config(port, "workers = 1"), 1);

        await SendAsync($"http://127.0.0.1:{port}/healthz", headers => headers.UserAgent.ParseAdd("it-client/1.0"));

        var line = Assert.Single(await WaitForLinesAsync(Path.Combine(master.Folder, "access.log"), 1));
        Assert.Matches(@"^127\.0\.0\.1 - - \[[^\]]+\] ""GET /healthz HTTP/1\.1"" 200 2 ""-"" ""it-client/1\.0""$", line);
    }

    [Fact]
    public async Task InJsonEachLineIsOneObject()
    {
        var port = FreePort.Next();
        await using var master = await StartAsync(Config(port, "workers = 1\nlog_format = \"json\"\naccess_log_format = '%(h)s %({x-request-id}i)s'"), 1);
        var worker = master.WorkerPids.Single();

        await SendAsync($"http://127.0.0.1:{port}/nope?z=2", headers => headers.Add("X-Request-Id", "abc"));

        var line = Assert.Single(await WaitForLinesAsync(Path.Combine(master.Folder, "access.log"), 1));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("127.0.0.1", root.GetProperty("remote_addr").GetString());
        Assert.Equal("GET /nope?z=2 HTTP/1.1", root.GetProperty("request_line").GetString());
        Assert.Equal("/nope", root.GetProperty("path").GetString());
        Assert.Equal("z=2", root.GetProperty("query").GetString());
        Assert.Equal(404, root.GetProperty("status").GetInt32());
        Assert.Equal(0, root.GetProperty("bytes").GetInt64());
        Assert.Equal(worker, root.GetProperty("pid").GetInt32());
        Assert.Equal("abc", root.GetProperty("request_headers").GetProperty("x-request-id").GetString());
        Assert.True(root.GetProperty("request_time_us").GetInt64() >= 0);
        Assert.InRange(root.GetProperty("time").GetDateTimeOffset(), DateTimeOffset.Now.AddMinutes(-1), DateTimeOffset.Now.AddMinutes(1));
    }

    [Fact]
    public async Task AfterTheFileIsMovedUsr1StartsANewOneAndNoLineIsLost()
    {
        var port = FreePort.Next();
        await using var master = await StartAsync(Config(port, "workers = 2\naccess_log_format = '%(U)s %(q)s %(p)s'"), 2);
        var log = Path.Combine(master.Folder, "access.log");
        var moved = log + ".1";
        for (var i = 0; i < 20; i++)
        {
            await SendAsync($"http://127.0.0.1:{port}/healthz?before={i}");
        }

        await WaitForLinesAsync(log, 20);
        File.Move(log, moved);

        // As logrotate does: USR1 to the master, which tells every worker.
        var workers = master.WorkerPids;
        master.Signal(10);

        await Wait.UntilAsync(() => workers.All(pid => WritesTo(pid, log, moved)), TimeSpan.FromSeconds(10), "every worker to reopen access.log");
        for (var i = 0; i < 20; i++)
        {
            await SendAsync($"http://127.0.0.1:{port}/healthz?after={i}");
        }

        var after = await WaitForLinesAsync(log, 20);
        var before = ReadLines(moved);
        Assert.Equal(Queries("before"), before.Select(l => l.Split(' ')[1]).Order(StringComparer.Ordinal));
        Assert.Equal(Queries("after"), after.Select(l => l.Split(' ')[1]).Order(StringComparer.Ordinal));
        Assert.Equal(40, before.Length + after.Length);
        Assert.True(master.LiveWorkerPids.SequenceEqual(workers), "a worker died of USR1");
    }

    private static IEnumerable<string> Queries(string name) =>
        Enumerable.Range(0, 20).Select(i => $"{name}={i}").Order(StringComparer.Ordinal);

    [Fact]
    public async Task TwoWorkersUnderConcurrentLoadWriteOnlyWholeLines()
    {
        var port = FreePort.Next();
        await using var master = await StartAsync(Config(port, "workers = 2\nlog_format = \"json\""), 2);
        var log = Path.Combine(master.Folder, "access.log");

        // Long lines (a 2 KB user agent) make a torn write likely if lines were written in pieces.
        var agent = "load/" + new string('x', 2000);
        var sent = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var id = $"{client}-{i}";
                await SendAsync($"http://127.0.0.1:{port}/?id={id}", headers => headers.UserAgent.ParseAdd(agent));
                sent.Add("id=" + id);
            }
        })));

        var lines = await WaitForLinesAsync(log, 400);
        var parsed = lines.Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return (Query: root.GetProperty("query").GetString(), Pid: root.GetProperty("pid").GetInt32(), Agent: root.GetProperty("user_agent").GetString());
        }).ToList();

        Assert.Equal(400, parsed.Count);
        Assert.Equal(sent.Order(StringComparer.Ordinal), parsed.Select(p => p.Query).Order(StringComparer.Ordinal));
        Assert.All(parsed, p => Assert.Equal(agent, p.Agent));
        Assert.Equal(2, parsed.Select(p => p.Pid).Distinct().Count());
    }

    [Fact]
    public async Task AccessLogDashWritesToStandardOutput()
    {
        var port = FreePort.Next();
        await using var master = await StartAsync($"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 1\naccesslog = \"-\"\naccess_log_format = 'ACCESS %(U)s %(s)s'\n", 1);

        await SendAsync($"http://127.0.0.1:{port}/healthz");

        await master.WaitForLineAsync("^ACCESS /healthz 200$");
        Assert.False(File.Exists(Path.Combine(master.Folder, "-")));
    }

    [Fact]
    public async Task WithoutAnAccessLogNothingIsWritten()
    {
        var port = FreePort.Next();
        await using var master = await StartAsync($"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 1\n", 1);

        Assert.Equal(200, await SendAsync($"http://127.0.0.1:{port}/healthz"));

        Assert.Equal(["gunicorn.toml"], Directory.GetFiles(master.Folder).Select(Path.GetFileName));
        Assert.DoesNotContain(master.Lines, line => line.StartsWith("127.0.0.1 - -", StringComparison.Ordinal));
    }
}
