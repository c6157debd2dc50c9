using System.Net;
using System.Net.Sockets;
using System.Text;
using Supervisor.Worker.AccessLog;
using Supervisor.Worker.Logging;
using Supervisor.Worker.Protocol;
using Worker.Tests.Support;

namespace Worker.Tests.Logging;

/// <summary>The error log and the access log reach a real syslog listener as RFC 5424 messages.</summary>
public sealed class SyslogSinkTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly string _folder = Directory.CreateTempSubdirectory("supervisor-syslog-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG
    private static string Header(int pri, string appName, int pid, string msgId) =>
        $@"^<{pri}>1 \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{6}}[+-]\d\d:\d\d {Regex(SyslogMessage.HostName)} {appName} {pid} {msgId} - ";

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private Serilog.Core.Logger Logger(SyslogSettings syslog) =>
        SupervisorLog.Create(new LogSettings(LogLevelName.Info, LogFormat.Text, Path.Combine(_folder, "error.log")) { Syslog = syslog });

    [Fact]
    public async Task AWarningGoesOverUdpWithTheFacilitySeverityAppNameAndPid()
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        var address = LogAddress.ParseSyslog($"udp://127.0.0.1:{port}", out _)!;

        using (var logger = Logger(new SyslogSettings(address, SyslogFacility.Code("local3")!.Value, "myapp", Access: true)))
        {
            logger.Warning("Worker (pid:{Pid}) was sent {Signal}!", 77, "SIGTERM");
        }

        using var timeout = new CancellationTokenSource(Wait);
        var received = Encoding.UTF8.GetString((await listener.ReceiveAsync(timeout.Token)).Buffer);

        // local3 is 19: 19 * 8 + warning (4).
        Assert.Matches(Header(156, "myapp", Environment.ProcessId, "error") + @"Worker \(pid:77\) was sent SIGTERM!$", received);
    }

    [Fact]
    public async Task AnErrorWithItsExceptionGoesOverTcpFramedByItsLength()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var address = LogAddress.ParseSyslog($"tcp://127.0.0.1:{port}", out _)!;
            using var timeout = new CancellationTokenSource(Wait);
            using (var logger = Logger(new SyslogSettings(address, SyslogFacility.Code("user")!.Value, SyslogSettings.DefaultAppName, Access: true)))
            {
                logger.Error(new InvalidOperationException("boom"), "Exception in worker process");
                using var client = await listener.AcceptTcpClientAsync(timeout.Token);
                var message = await ReadFramedAsync(client.GetStream(), timeout.Token);

                // user is 1: 8 + error (3). The exception follows the message on its own lines.
                Assert.Matches(Header(11, "supervisor", Environment.ProcessId, "error") + "Exception in worker process\nSystem.InvalidOperationException: boom", message);
            }
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task ACriticalLineGoesToAUnixDatagramSocketFoundWithoutBeingNamed()
    {
        var path = Path.Combine(_folder, "log.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        var address = LogAddress.ParseSyslog("unix://" + path, out _)!;
        Assert.Null(address.Type);

        using (var logger = Logger(new SyslogSettings(address, SyslogFacility.Code("DAEMON")!.Value, "api", Access: true)))
        {
            logger.Fatal("Shutting down: {Reason}", "Master");
        }

        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(Wait);
        var length = await listener.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);

        // daemon is 3: 24 + critical (2).
        Assert.Matches(Header(26, "api", Environment.ProcessId, "error") + "Shutting down: Master$", Encoding.UTF8.GetString(buffer, 0, length));
    }

    [Fact]
    public async Task AnAccessLineGoesToSyslogAtInfoBesideTheAccessLogItself()
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        var address = LogAddress.ParseSyslog($"udp://127.0.0.1:{port}", out _)!;
        var file = Path.Combine(_folder, "access.log");
        var line = "127.0.0.1 - - [01/Jan/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 2 \"-\" \"curl\"\n"u8.ToArray();

        using (var sink = new SyslogAccessSink(new FileSink(file), new SyslogSender(new SyslogSettings(address, 1, "web", Access: true))))
        {
            sink.Write(line);
        }

        using var timeout = new CancellationTokenSource(Wait);
        var received = Encoding.UTF8.GetString((await listener.ReceiveAsync(timeout.Token)).Buffer);
        Assert.Matches(Header(14, "web", Environment.ProcessId, "access") + Regex(Encoding.UTF8.GetString(line).TrimEnd('\n')) + "$", received);
        Assert.Equal(line, File.ReadAllBytes(file));
    }

    [Fact]
    public async Task ASyslogThatIsNotThereCostsBoundedMemoryAndEveryLostMessageIsCounted()
    {
        // A port nothing listens on: each message is queued or, with the queue full, dropped at once.
        var unused = new TcpListener(IPAddress.Loopback, 0);
        unused.Start();
        var port = ((IPEndPoint)unused.LocalEndpoint).Port;
        unused.Stop();
        var address = LogAddress.ParseSyslog($"tcp://127.0.0.1:{port}", out _)!;
        using var sender = new SyslogSender(new SyslogSettings(address, 1, "api", Access: true));
        var count = SyslogSender.QueueLimit + 500;

        for (var i = 0; i < count; i++)
        {
            sender.Send(6, SyslogMessage.ErrorLog, Environment.ProcessId, "line " + i);
        }

        await Eventually.UntilAsync(() => sender.Dropped == count, Wait, () => $"{sender.Dropped} of {count} dropped");
    }

    private static async Task<string> ReadFramedAsync(NetworkStream stream, CancellationToken cancel)
    {
        var length = 0;
        var one = new byte[1];
        while (await stream.ReadAsync(one, cancel) == 1 && one[0] != (byte)' ')
        {
            length = (length * 10) + (one[0] - '0');
        }

        var message = new byte[length];
        await stream.ReadExactlyAsync(message, cancel);
        return Encoding.UTF8.GetString(message);
    }
}
