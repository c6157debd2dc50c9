using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Integration.Support;

namespace Integration;

/// <summary>Gunicorn's raw_env, umask and reuse_port on a real master with real workers.</summary>
public sealed class ProcessSettingsTests
{
    private const string Ready = @"Worker \(pid:\d+\) is ready";

    [Fact]
    public async Task RawEnvReachesEveryWorker()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start(
            $"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 2\n",
            "-e", "GREETING=hello world", "--env", "ASPNETCORE_ENVIRONMENT=Staging");
        await Wait.UntilAsync(() => master.CountLines(Ready) >= 2, TimeSpan.FromSeconds(60), $"2 workers ready:\n{master.Output}");

        Assert.All(master.LiveWorkerPids, pid =>
        {
            var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0');
            Assert.Contains("GREETING=hello world", environment);
            Assert.Contains("ASPNETCORE_ENVIRONMENT=Staging", environment);
        });
    }

    [Fact]
    public async Task CaptureOutputLogsWhatWorkersPrintUnderTheirPidAndCutsALongLine()
    {
        using var folder = new TempFolder();
        var errorLog = Path.Combine(folder.Path, "error.log");
        // The worker prints before it becomes the app (exec keeps its pid), as a wrapper script would.
        var script = $"echo out-line; echo err-line >&2; head -c 20000 /dev/zero | tr '\\\\0' x; echo; exec {Binaries.SampleApp}";
        var port = FreePort.Next();
        await using var master = MasterRun.Start(
            $"app = [\"/bin/sh\", \"-c\", \"{script}\"]\nbind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 1\nerrorlog = \"{errorLog}\"\ncapture_output = true\n");
        string Read() => File.Exists(errorLog) ? File.ReadAllText(errorLog) : "";
        await Wait.UntilAsync(() => Read().Contains("is ready", StringComparison.Ordinal), TimeSpan.FromSeconds(60), $"a ready worker in {errorLog}:\n{Read()}\n{master.Output}");

        var lines = Read().Split('\n');
        var worker = Assert.Single(lines.Select(l => Regex.Match(l, @"Booting worker with pid: (\d+)")), m => m.Success).Groups[1].Value;
        Assert.Contains(lines, l => l.EndsWith($"] [{worker}] [INFO] out-line", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith($"] [{worker}] [ERROR] err-line", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith($"] [{worker}] [INFO] {new string('x', 16 * 1024)} [line cut at 16384 bytes]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)]
    [InlineData("umask = \"027\"\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute)]
    public async Task TheUmaskDecidesTheUnixSocketsMode(string umask, UnixFileMode expected)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "app.sock");
        await using var master = MasterRun.Start($"bind = \"unix:{path}\"\nloglevel = \"debug\"\nworkers = 1\n{umask}");
        await master.WaitForLineAsync(Ready, TimeSpan.FromSeconds(60));

        Assert.Equal(expected, File.GetUnixFileMode(path));
    }

    /// <summary>
    /// A worker does not watch its appsettings files (an inotify instance per worker, set up at every boot): the
    /// workers a reload starts read them. The environment, here raw_env, may turn the watch back on.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true, "-e", "DOTNET_hostBuilder__reloadConfigOnChange=true")]
    public async Task AWorkerWatchesItsConfigurationFilesOnlyWhenTheEnvironmentAsks(bool watches, params string[] arguments)
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 1\n", arguments);
        await master.WaitForLineAsync(Ready, TimeSpan.FromSeconds(60));
        var pid = Assert.Single(master.LiveWorkerPids);

        var inotify = Directory.GetFiles($"/proc/{pid}/fd").Select(fd => new FileInfo(fd).LinkTarget).Where(target => target == "anon_inode:inotify");

        Assert.Equal(watches, inotify.Any());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReusePortLetsAnotherSocketOfThisUserBindThePort(bool reusePort)
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 1\nreuse_port = {(reusePort ? "true" : "false")}\n");
        await master.WaitForLineAsync(Ready, TimeSpan.FromSeconds(60));
        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // On Linux .NET's ReuseAddress sets SO_REUSEPORT too: the other side of the sharing.
        other.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);

        var error = Record.Exception(() => other.Bind(new IPEndPoint(IPAddress.Loopback, port)));

        if (reusePort)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Equal(SocketError.AddressAlreadyInUse, Assert.IsType<SocketException>(error).SocketErrorCode);
        }
    }

    [Theory]
    [InlineData("orders", "orders master", "orders worker")]
    [InlineData("inventory-api", "inventory-api", "inventory-api")]
    public async Task ProcNameNamesTheMasterAndItsWorkersInPs(string name, string master, string worker)
    {
        var port = FreePort.Next();
        await using var run = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 2\n", "-n", name);
        await Wait.UntilAsync(() => run.CountLines(Ready) >= 2, TimeSpan.FromSeconds(60), $"2 workers ready:\n{run.Output}");

        Assert.Equal(master, File.ReadAllText($"/proc/{run.Pid}/comm").TrimEnd('\n'));
        Assert.All(run.LiveWorkerPids, pid => Assert.Equal(worker, File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n')));
    }

    [Fact]
    public async Task AtWorkerConnectionsTheNextConnectionWaitsInTheQueueUntilOneCloses()
    {
        var port = FreePort.Next();
        await using var master = MasterRun.Start($"bind = \"127.0.0.1:{port}\"\nloglevel = \"debug\"\nworkers = 1\nworker_connections = 2\nkeepalive = 60\n");
        await master.WaitForLineAsync(Ready, TimeSpan.FromSeconds(60));
        using var first = await KeptAliveAsync(port);
        using var second = await KeptAliveAsync(port);

        using var third = new TcpClient();
        await third.ConnectAsync(IPAddress.Loopback, port);
        // The kernel took the third connection, the worker did not: it waits in the listen queue.
        await Wait.UntilAsync(async () => await ListenQueueAsync(port) == 1, TimeSpan.FromSeconds(20), "the third connection in the listen queue");
        var answer = SendAsync(third);
        first.Dispose();

        Assert.StartsWith("HTTP/1.1 200", await answer.WaitAsync(TimeSpan.FromSeconds(20)), StringComparison.Ordinal);
        Assert.Equal(0, await ListenQueueAsync(port));
    }

    /// <summary>A connection that has had its answer and stays open (keep-alive).</summary>
    private static async Task<TcpClient> KeptAliveAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        Assert.StartsWith("HTTP/1.1 200", await SendAsync(client).WaitAsync(TimeSpan.FromSeconds(20)), StringComparison.Ordinal);
        return client;
    }

    private static async Task<string> SendAsync(TcpClient client)
    {
        var stream = client.GetStream();
        await stream.WriteAsync("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray());
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
    }

    /// <summary>Connections the kernel holds for the listening socket that no process has accepted yet (ss's Recv-Q).</summary>
    private static async Task<int> ListenQueueAsync(int port)
    {
        using var ss = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ss", ["-ltnH", $"sport = :{port}"]) { RedirectStandardOutput = true })!;
        var line = (await ss.StandardOutput.ReadToEndAsync()).Trim();
        await ss.WaitForExitAsync();
        return int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
