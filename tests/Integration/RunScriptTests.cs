using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Integration.Support;

namespace Integration;

/// <summary>The README's first command, as a newcomer runs it: build, database, migrate, serve; Ctrl-C stops all.</summary>
public sealed class RunScriptTests
{
    private readonly ITestOutputHelper _output;

    public RunScriptTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task RunShServesRegisterAndLoginThenCtrlCLeavesNothingRunning()
    {
        var port = FreePort.Next();
        var databasePort = FreePort.Next();
        var clock = Stopwatch.StartNew();

        // Its own session and process group, as a terminal gives it: Ctrl-C goes to the whole group.
        await using var run = OwnedProcess.Start("setsid", ["bash", "run.sh"],
            new Dictionary<string, string> { ["BIND"] = $"127.0.0.1:{port}", ["LOCAL_PG_PORT"] = databasePort.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Binaries.RepositoryRoot);
        // A run.sh that has ended will never serve: stop waiting and show what it printed.
        await Wait.UntilAsync(async () => run.HasExited || await Http.AnswersAsync($"http://127.0.0.1:{port}/readyz"), TimeSpan.FromMinutes(5), "run.sh to serve");
        Assert.False(run.HasExited, $"run.sh ended before it served:\n{run.Output}");
        var ready = clock.Elapsed;

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var credentials = $$"""{"email":"newcomer-{{Guid.NewGuid():N}}@example.com","password":"a long enough password"}""";
        using var register = await client.PostAsync("/api/auth/register", Json(credentials));
        using var login = await client.PostAsync("/api/auth/login", Json(credentials));
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        _output.WriteLine($"run.sh served register and login {ready.TotalSeconds:0.0}s after it started");

        // The README's control commands, from the repository's folder, find the master through gunicorn.toml's pidfile.
        await using (var status = OwnedProcess.Start(Path.Combine(Binaries.RepositoryRoot, "out/supervisor/supervisor"), ["status"], workingDirectory: Binaries.RepositoryRoot))
        {
            Assert.True(await status.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, status.Output);
            Assert.Matches(@"^Master pid \d+: 3 workers", status.Output);
        }

        using (var interrupt = Process.Start("kill", ["-s", "INT", "--", $"-{run.Pid}"]))
        {
            await interrupt.WaitForExitAsync();
        }

        Assert.Equal(130, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.False(await Http.AnswersAsync($"http://127.0.0.1:{port}/healthz"));
        Assert.False(Accepts(databasePort), "the local PostgreSQL is still running");
        Assert.DoesNotContain(run.WorkerPids, ProcessProbe.IsAlive);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
