using System.Diagnostics;

namespace SampleApp.Tests.Support;

/// <summary>
/// SampleApp started the way a developer runs it: no supervisor variables, <c>--urls</c> on a free
/// port. Shared by the tests of one class; killed on Dispose.
/// </summary>
public sealed class UnsupervisedApp : IAsyncLifetime
{
    private CapturedProcess? _app;

    public int Port { get; private set; }

    public int Pid => _app?.Process.Id ?? 0;

    public HttpClient Client { get; private set; } = new();

    public string Output => _app?.Output ?? string.Empty;

    public async ValueTask InitializeAsync()
    {
        Port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "SampleApp.dll"), "--urls", $"http://127.0.0.1:{Port}" },
        };
        // Whatever the test runner inherited, this app must run unsupervised.
        // Nor may it find a database: these tests are about the app without one.
        foreach (var name in info.Environment.Keys.Where(key => key.StartsWith("SUPERVISOR_", StringComparison.Ordinal) || key.StartsWith("DATABASE_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        _app = new CapturedProcess(info);
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(20) };

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var response = await Client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_app.Process.HasExited)
            {
                await Task.Delay(50);
                continue;
            }

            throw new TimeoutException($"SampleApp did not answer on port {Port}. Output:\n{Output}");
        }
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        _app?.Dispose();
        return ValueTask.CompletedTask;
    }
}
