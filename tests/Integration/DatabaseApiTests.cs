using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Integration.Support;

namespace Integration;

/// <summary>The API under the supervisor on a real PostgreSQL: conflicts, wrong passwords, tokens across workers, an unreachable database, concurrent migrations.</summary>
public sealed class DatabaseApiTests
{
    private static async Task<MasterRun> StartAsync(IReadOnlyDictionary<string, string> database, int port, int workers = 2)
    {
        var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nworkers = {workers}\n", info =>
        {
            foreach (var (name, value) in database)
            {
                info.Environment[name] = value;
            }
        });
        await Wait.UntilAsync(() => Http.AnswersAsync($"http://127.0.0.1:{port}/healthz"), TimeSpan.FromSeconds(60), "the workers to answer");
        return master;
    }

    private static async Task<int> MigrateAsync(IReadOnlyDictionary<string, string> database)
    {
        await using var run = OwnedProcess.Start(Binaries.SampleApp, ["migrate", "--timeout", "30"], database);
        return await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task ConflictsWrongPasswordsAndTokensThatEveryWorkerAccepts()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("api");
        Assert.Equal(0, await MigrateAsync(database));
        var port = FreePort.Next();
        await using var master = await StartAsync(database, port);
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var credentials = """{"email":"Grace@Example.com","password":"a long enough password"}""";

        using (var first = await client.PostAsync("/api/auth/register", Json(credentials)))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var again = await client.PostAsync("/api/auth/register", Json(credentials.Replace("Grace@Example", "grace@example", StringComparison.Ordinal))))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal("""{"error":"An account with this email already exists; log in instead.","errors":{"email":["An account with this email already exists; log in instead."]}}""",
                await again.Content.ReadAsStringAsync());
        }

        using (var wrong = await client.PostAsync("/api/auth/login", Json("""{"email":"grace@example.com","password":"not the password"}""")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("""{"error":"The email or password is not right."}""", await wrong.Content.ReadAsStringAsync());
        }

        using var login = await client.PostAsync("/api/auth/login", Json(credentials));
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", token.RootElement.GetProperty("token_type").GetString());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("token").GetString());

        // A new connection per request: until both workers have answered, the token must work on each.
        var pids = new HashSet<int>();
        await Wait.UntilAsync(async () =>
        {
            using var me = await client.GetAsync("/api/auth/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            using var worker = JsonDocument.Parse(await client.GetStringAsync("/api/worker"));
            pids.Add(worker.RootElement.GetProperty("pid").GetInt32());
            return pids.Count == 2;
        }, TimeSpan.FromSeconds(30), "both workers to answer");

        using (var unknown = await client.PostAsync("/api/subscriptions", Json("""{"plan":"gold"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Equal("""{"error":"Some fields are not valid; see errors.","errors":{"plan":["There is no plan named gold: use one of the codes from GET /api/plans."]}}""",
                await unknown.Content.ReadAsStringAsync());
        }

        using (var subscribe = await client.PostAsync("/api/subscriptions", Json("""{"plan":"team"}""")))
        {
            Assert.Equal(HttpStatusCode.Created, subscribe.StatusCode);
        }

        using var twice = await client.PostAsync("/api/subscriptions", Json("""{"plan":"team"}"""));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("""{"error":"You already have an active subscription to this plan."}""", await twice.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnreachableDatabaseGivesA503WithAShortMessageAndNoStackTrace()
    {
        var database = new Dictionary<string, string>
        {
            ["DATABASE_HOST"] = "127.0.0.1",
            ["DATABASE_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["DATABASE_NAME"] = "app",
            ["DATABASE_USER"] = "app",
            ["DATABASE_PASSWORD"] = "secret",
        };
        var port = FreePort.Next();
        await using var master = await StartAsync(database, port, workers: 1);

        using var ready = await Http.GetAsync($"http://127.0.0.1:{port}/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("not ready: the database does not answer", await ready.Content.ReadAsStringAsync());
        using var plans = await Http.GetAsync($"http://127.0.0.1:{port}/api/plans");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, plans.StatusCode);
        Assert.Equal("""{"error":"The database is unavailable; try again in a moment."}""", await plans.Content.ReadAsStringAsync());
        Assert.Equal("Hello, World!", await Http.GetStringAsync($"http://127.0.0.1:{port}/"));
    }

    [Fact]
    public async Task ReplicasMigratingAtOnceApplyEachScriptOnce()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("replicas");

        var codes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => MigrateAsync(database)));

        Assert.All(codes, code => Assert.Equal(0, code));
        Assert.Equal("2", await postgres.PsqlAsync(database["DATABASE_NAME"], "SELECT count(*) FROM schemaversions"));
        Assert.Equal("3", await postgres.PsqlAsync(database["DATABASE_NAME"], "SELECT count(*) FROM plans"));
    }

    /// <summary>
    /// A database migrated by an earlier version, whose journal DbUp created and filled: migrate applies only what the
    /// journal does not list, then finds nothing to do.
    /// </summary>
    [Fact]
    public async Task MigrateContinuesAJournalThatDbUpWrote()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("dbup");
        var first = await File.ReadAllTextAsync(Path.Combine(Binaries.RepositoryRoot, "src", "SampleApp", "Migrations", "0001_users_and_sessions.sql"));
        await postgres.PsqlAsync(database["DATABASE_NAME"], first +
            ";\nCREATE TABLE schemaversions (schemaversionsid serial NOT NULL, scriptname character varying(255) NOT NULL, " +
            "applied timestamp without time zone NOT NULL, CONSTRAINT PK_schemaversions_Id PRIMARY KEY (schemaversionsid));\n" +
            "INSERT INTO schemaversions (scriptname, applied) VALUES ('SampleApp.Migrations.0001_users_and_sessions.sql', now());");

        await using (var run = OwnedProcess.Start(Binaries.SampleApp, ["migrate", "--timeout", "30"], database))
        {
            Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("migrate: applied 1 script: 0002_plans_and_subscriptions.sql.", run.Output, StringComparison.Ordinal);
        }

        await using (var again = OwnedProcess.Start(Binaries.SampleApp, ["migrate", "--timeout", "30"], database))
        {
            Assert.Equal(0, await again.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("migrate: the database is up to date; no script to apply.", again.Output, StringComparison.Ordinal);
        }

        Assert.Equal("SampleApp.Migrations.0001_users_and_sessions.sql,SampleApp.Migrations.0002_plans_and_subscriptions.sql",
            await postgres.PsqlAsync(database["DATABASE_NAME"], "SELECT string_agg(scriptname, ',' ORDER BY schemaversionsid) FROM schemaversions"));
    }

    [Fact]
    public async Task MigrateRetriesUntilItsTimeoutThenSaysWhatToCheck()
    {
        var port = FreePort.Next();
        var database = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = $"postgres://app:secret@127.0.0.1:{port}/app",
        };
        var started = DateTime.UtcNow;
        await using var run = OwnedProcess.Start(Binaries.SampleApp, ["migrate", "--timeout", "2"], database);

        Assert.Equal(1, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        Assert.Contains($"migrate: PostgreSQL at 127.0.0.1:{port}/app did not accept queries within 2 s (last error: ", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("Check that it is running and that the DATABASE_* variables point to it.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateWithoutADatabaseSaysWhatToSet()
    {
        await using var run = OwnedProcess.Start(Binaries.SampleApp, ["migrate"]);
        Assert.Equal(1, await run.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("migrate: The database is not configured: set DATABASE_URL, or DATABASE_HOST, DATABASE_NAME, DATABASE_USER and DATABASE_PASSWORD, then restart.", run.Output);
    }
}
