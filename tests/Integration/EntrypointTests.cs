using System.Net;
using Integration.Support;

namespace Integration;

/// <summary>entrypoint.sh for real: a real PostgreSQL, the built app and supervisor, each failing step.</summary>
public sealed class EntrypointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("entrypoint-it-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task HappyPathCollectsMigratesThenBecomesTheSupervisorAndStopsOnTerm()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("entry_ok");
        var port = FreePort.Next();
        var staticRoot = Path.Combine(_folder, "static");
        await using var run = Stack.StartEntrypoint(Stack.EntrypointVariables(Stack.WriteConfig(_folder, port), staticRoot, database));

        var url = $"http://127.0.0.1:{port}";
        await Wait.UntilAsync(() => Http.AnswersAsync(url + "/readyz"), TimeSpan.FromSeconds(60), $"/readyz to answer 200:\n{run.Output}");

        Assert.True(File.Exists(Path.Combine(staticRoot, "index.html")), run.Output);
        Assert.Equal("2", await postgres.PsqlAsync(database["DATABASE_NAME"], "SELECT count(*) FROM schemaversions"));
        Assert.Contains("entrypoint: waiting for the database at 127.0.0.1:", run.Output, StringComparison.Ordinal);
        Assert.Contains("migrate: applied 2 scripts: 0001_users_and_sessions.sql, 0002_plans_and_subscriptions.sql.", run.Output, StringComparison.Ordinal);
        // exec: the shell's own pid is now the supervisor's master.
        Assert.Equal("supervisor", (await File.ReadAllTextAsync($"/proc/{run.Pid}/comm")).Trim());
        using var register = await PostAsync(url + "/api/auth/register", """{"email":"entry@example.com","password":"long enough password"}""");
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);

        run.Signal(15);
        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain(run.WorkerPids, ProcessProbe.IsAlive);
    }

    [Fact]
    public async Task MissingVariablesAreAllNamedAndNothingStarts()
    {
        await using var run = Stack.StartEntrypoint(new Dictionary<string, string> { ["DATABASE_HOST"] = "db" });

        Assert.Equal(1, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(
            "entrypoint: missing environment variables: STATIC_ROOT DATABASE_NAME DATABASE_USER DATABASE_PASSWORD. Set them (see .env.docker; DATABASE_URL may replace the DATABASE_* ones) and start again.",
            run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableDatabaseIsWaitedForABoundedTimeThenReported()
    {
        var port = FreePort.Next();
        var database = new Dictionary<string, string>
        {
            ["DATABASE_HOST"] = "127.0.0.1",
            ["DATABASE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DATABASE_NAME"] = "app",
            ["DATABASE_USER"] = "app",
            ["DATABASE_PASSWORD"] = "secret",
        };
        var variables = Stack.EntrypointVariables(Stack.WriteConfig(_folder, FreePort.Next()), Path.Combine(_folder, "static"), database);
        variables["DATABASE_WAIT_ATTEMPTS"] = "2";
        var started = DateTime.UtcNow;
        await using var run = Stack.StartEntrypoint(variables);

        Assert.Equal(1, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the wait was not bounded");
        Assert.Contains(
            $"entrypoint: the database at 127.0.0.1:{port} did not accept connections after 2 attempts; check DATABASE_HOST and DATABASE_PORT, and that PostgreSQL is running.",
            run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("collecting static files", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingMigrationStopsTheStartWithTheScriptAndTheReason()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("entry_fail");
        // A table the first script creates already exists: the script fails as a real mistake would.
        await postgres.PsqlAsync(database["DATABASE_NAME"], "CREATE TABLE users (id int)");
        await using var run = Stack.StartEntrypoint(Stack.EntrypointVariables(Stack.WriteConfig(_folder, FreePort.Next()), Path.Combine(_folder, "static"), database));

        Assert.Equal(1, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("migrate: 0001_users_and_sessions.sql failed: 42P07: relation \"users\" already exists. That script was rolled back and no later script ran; fix it and run migrate again.",
            run.Output, StringComparison.Ordinal);
        Assert.Contains("entrypoint: migrations failed (see above); the server was not started.", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Booting worker", run.Output, StringComparison.Ordinal);
        // Rolled back whole: neither the script's other table nor its journal entry (nor the journal) remain.
        Assert.Equal("0", await postgres.PsqlAsync(database["DATABASE_NAME"], "SELECT count(*) FROM pg_tables WHERE tablename IN ('sessions', 'schemaversions')"));
    }

    [Fact]
    public async Task TheScriptsAreCleanUnderShellcheck()
    {
        var scripts = new[] { "entrypoint.sh", "run.sh", "test.sh", "release.sh", ".ci/run" };
        await using var run = OwnedProcess.Start("shellcheck", ["-x", .. scripts], workingDirectory: Binaries.RepositoryRoot);
        var code = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(code == 0, run.Output);
    }

    private static async Task<HttpResponseMessage> PostAsync(string url, string json)
    {
        using var client = new HttpClient();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await client.PostAsync(url, content);
    }
}
