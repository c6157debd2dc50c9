using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Integration.Support;

namespace Integration;

/// <summary>statsd_host under a real master: the workers send Gunicorn's request metrics, the master the workers gauge.</summary>
public sealed class StatsdTests
{
    private const int SIGTTIN = 21;
    private const string Tags = "|#env:test,team:orders";

    [Fact]
    public async Task EachRequestIsCountedTimedAndCountedByStatusAndTheMasterSendsTheWorkersGauge()
    {
        using var statsd = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var statsdPort = ((IPEndPoint)statsd.Client.LocalEndPoint!).Port;
        var received = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var receiving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                received.Enqueue(Encoding.ASCII.GetString((await statsd.ReceiveAsync(stop.Token)).Buffer));
            }
        });
        var port = FreePort.Next();

        await using (var master = MasterRun.Start(
            $"bind = \"127.0.0.1:{port}\"\nworkers = 2\nloglevel = \"debug\"\nstatsd_host = \"127.0.0.1:{statsdPort}\"\nstatsd_prefix = \"shop\"\ndogstatsd_tags = \"env:test,team:orders\"\n"))
        {
            await master.WaitForReadyWorkersAsync(2);
            await Wait.UntilAsync(() => received.Contains("shop.gunicorn.workers:2|g" + Tags), TimeSpan.FromSeconds(20), $"the workers gauge at 2, among: {string.Join(" ", received)}");

            for (var i = 0; i < 3; i++)
            {
                await Http.WorkerAsync($"http://127.0.0.1:{port}");
            }

            using (var missing = await Http.GetAsync($"http://127.0.0.1:{port}/no-such-page"))
            {
                Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            }

            int Count(string metric) => received.Count(m => m == metric);
            await Wait.UntilAsync(
                () => Count("shop.gunicorn.requests:1|c|@1.0" + Tags) >= 4
                    && Count("shop.gunicorn.request.status.200:1|c|@1.0" + Tags) >= 3
                    && Count("shop.gunicorn.request.status.404:1|c|@1.0" + Tags) >= 1,
                TimeSpan.FromSeconds(20),
                $"four requests counted, three 200s and a 404, among: {string.Join(" ", received)}");
            var duration = new Regex(@"^shop\.gunicorn\.request\.duration:\d+\.\d{1,3}\|ms" + Regex.Escape(Tags) + "$");
            Assert.True(received.Count(duration.IsMatch) >= 4, $"a duration for each request, among: {string.Join(" ", received)}");

            // TTIN adds a worker: the master sends the gauge again.
            master.Signal(SIGTTIN);
            await Wait.UntilAsync(() => received.Contains("shop.gunicorn.workers:3|g" + Tags), TimeSpan.FromSeconds(20), $"the workers gauge at 3, among: {string.Join(" ", received)}");
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receiving);
    }
}
