using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Integration.Support;

/// <summary>HTTP calls the way a client would make them, one connection per request unless asked.</summary>
public static class Http
{
    private static readonly HttpClient Shared = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static async Task<HttpResponseMessage> GetAsync(string url, TimeSpan? timeout = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.ConnectionClose = true;
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await Shared.SendAsync(request, cancel.Token);
    }

    public static async Task<string> GetStringAsync(string url)
    {
        using var response = await GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The worker that answered: pid, slot and how many requests it has served.</summary>
    public static async Task<(int Pid, int Slot, int Requests)> WorkerAsync(string baseUrl)
    {
        using var json = JsonDocument.Parse(await GetStringAsync(baseUrl + "/api/worker"));
        var root = json.RootElement;
        return (root.GetProperty("pid").GetInt32(), root.GetProperty("slot").GetInt32(), (int)root.GetProperty("requests").GetInt64());
    }

    public static async Task<bool> AnswersAsync(string url)
    {
        try
        {
            using var response = await GetAsync(url, TimeSpan.FromSeconds(2));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>A client for a unix socket: every request goes to that path whatever the URL's host.</summary>
    public static HttpClient UnixSocketClient(string path) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, token) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), token);
            return new NetworkStream(socket, ownsSocket: true);
        },
    });

    public static bool IPv6LoopbackWorks()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
