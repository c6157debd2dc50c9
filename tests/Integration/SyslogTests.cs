using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Integration.Support;

namespace Integration;

/// <summary>syslog = true under a real master: the master and each worker send their own lines, with their own pid.</summary>
public sealed class SyslogTests
{
    private const string Ready = @"Worker \(pid:\d+\) is ready";

    // <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG
    private static readonly Regex Message = new(@"^<(?<pri>\d+)>1 \S+ \S+ (?<app>\S+) (?<pid>\d+) (?<msgid>\S+) - (?<msg>.*)$", RegexOptions.Singleline);

    [Fact]
    public async Task TheMasterAndEveryWorkerSendTheirErrorLogAndTheAccessLogGoesTooWithoutAnAccessLogFile()
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var syslogPort = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        var received = new ConcurrentQueue<Match>();
        using var stop = new CancellationTokenSource();
        var receiving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var datagram = await listener.ReceiveAsync(stop.Token);
                received.Enqueue(Message.Match(Encoding.UTF8.GetString(datagram.Buffer)));
            }
        });
        var port = FreePort.Next();

        await using (var master = MasterRun.Start(
            $"bind = \"127.0.0.1:{port}\"\nworkers = 2\nloglevel = \"debug\"\nsyslog = true\nsyslog_addr = \"udp://127.0.0.1:{syslogPort}\"\nsyslog_prefix = \"shop\"\nsyslog_facility = \"local0\"\n"))
        {
            await Wait.UntilAsync(() => master.CountLines(Ready) >= 2, TimeSpan.FromSeconds(60), $"2 workers ready:\n{master.Output}");
            var (workerPid, _, _) = await Http.WorkerAsync($"http://127.0.0.1:{port}");

            bool Has(int pid, string msgId, int pri, string text) => received.Any(m =>
                m.Success && m.Groups["pid"].Value == pid.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && m.Groups["msgid"].Value == msgId && m.Groups["pri"].Value == pri.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && m.Groups["app"].Value == "shop" && m.Groups["msg"].Value.Contains(text, StringComparison.Ordinal));

            // local0 is 16: 128 + info (6).
            await Wait.UntilAsync(() => Has(master.Pid, "error", 134, "Listening at: http://127.0.0.1:" + port), TimeSpan.FromSeconds(20), "the master's own line");
            foreach (var pid in master.WorkerPids)
            {
                // A worker's own lines (the host starting, at debug: 128 + 7) carry its pid, not the master's.
                await Wait.UntilAsync(() => Has(pid, "error", 135, ""), TimeSpan.FromSeconds(20), $"a line from worker {pid}");
            }

            await Wait.UntilAsync(() => Has(workerPid, "access", 134, "\"GET /api/worker HTTP/1.1\" 200"), TimeSpan.FromSeconds(20), "the access line of the request");
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receiving);
    }
}
