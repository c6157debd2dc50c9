using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SampleApp.Tests.Support;

/// <summary>
/// SampleApp started the way a developer runs it: no supervisor variables, <c>--urls</c> on a free
/// port. Shared by the tests of one class; killed on Dispose.
/// </summary>
public sealed class UnsupervisedApp : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; private set; }

    public int Pid => _process?.Id ?? 0;

    public HttpClient Client { get; private set; } = new();

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        Port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "SampleApp.dll"), "--urls", $"http://127.0.0.1:{Port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Whatever the test runner inherited, this app must run unsupervised.
        // Nor may it find a database: these tests are about the app without one.
        foreach (var name in info.Environment.Keys.Where(key => key.StartsWith("SUPERVISOR_", StringComparison.Ordinal) || key.StartsWith("DATABASE_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
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
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
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
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
