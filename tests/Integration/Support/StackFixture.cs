using System.Net;
using System.Net.Sockets;

namespace Integration.Support;

/// <summary>
/// The whole stack, once for a test class: PostgreSQL, entrypoint.sh (collectstatic, migrate, then the
/// supervisor with two SampleApp workers) and nginx in front, as docker-compose.yml wires them.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stack-it-").FullName;
    private OwnedProcess? _supervisor;
    private NginxProcess? _nginx;

    public int AppPort { get; } = FreePort.Next();

    public string StaticRoot => Path.Combine(_folder, "static");

    public OwnedProcess Supervisor => _supervisor ?? throw new InvalidOperationException("The stack did not start.");

    public NginxProcess Nginx => _nginx ?? throw new InvalidOperationException("The stack did not start.");

    public string AppUrl => $"http://127.0.0.1:{AppPort}";

    public async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("stack");
        Directory.CreateDirectory(StaticRoot);
        // nginx's workers run as nobody and must reach the static folder inside this one.
        File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
        _supervisor = Stack.StartEntrypoint(Stack.EntrypointVariables(Stack.WriteConfig(_folder, AppPort), StaticRoot, database));
        await Wait.UntilAsync(() => Http.AnswersAsync(AppUrl + "/readyz"), TimeSpan.FromSeconds(60), $"the app's /readyz:\n{_supervisor.Output}");
        _nginx = await NginxProcess.StartAsync(AppPort, StaticRoot, apiRate: "100000r/s");
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        if (_supervisor is not null)
        {
            await _supervisor.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A client whose connections come from another loopback address, so the proxy's address and the client's differ.</summary>
    public static HttpClient ClientFrom(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, token) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}
