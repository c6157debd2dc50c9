using System.Diagnostics;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Diagnostics.Support;

/// <summary>
/// The built SampleApp run as a plain process, <c>dotnet SampleApp.dll --urls ...</c>, with no supervisor around it.
/// Shared by the tests of one class; killed on Dispose.
/// </summary>
public sealed class SampleAppProcess : IAsyncLifetime
{
    private CapturedProcess? _app;

    public Process Process => _app?.Process ?? throw new InvalidOperationException("SampleApp has not been started.");

    public int Pid => Process.Id;

    /// <summary>For requests that must not wait on each other: each gets its own connection.</summary>
    public HttpClient Client { get; private set; } = new();

    public string Output => _app?.Output ?? string.Empty;

    /// <summary>SampleApp.dll as built for the configuration these tests were built in.</summary>
    public static string Dll
    {
        get
        {
            // The tests run from tests/Supervisor.Tests/bin/CONFIGURATION/net10.0/.
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var dll = Repository.File(Path.Combine("src", "SampleApp", "bin", configuration, "net10.0", "SampleApp.dll"));
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the solution first: {dll} is missing.", dll);
        }
    }

    public async ValueTask InitializeAsync()
    {
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Dll, "--urls", $"http://127.0.0.1:{port}" },
        };
        foreach (var name in info.Environment.Keys.Where(key => key.StartsWith("SUPERVISOR_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        _app = new CapturedProcess(info);
        Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(60),
        };

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await AnswersAsync())
        {
            if (DateTime.UtcNow > deadline || _app.Process.HasExited)
            {
                throw new TimeoutException($"SampleApp did not answer on port {port}. Output:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>True when /healthz answers within two seconds.</summary>
    public async Task<bool> AnswersAsync()
    {
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var response = await Client.GetAsync("/healthz", cancel.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        _app?.Dispose();
        return ValueTask.CompletedTask;
    }
}
