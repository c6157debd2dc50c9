using System.Net.Sockets;
using System.Text;

namespace Integration.Support;

/// <summary>One HTTP/1.1 request on a plain TCP connection, read until the server closes it: no client retries.</summary>
public static class RawHttp
{
    /// <summary>The whole response as text, or "" when the connection was closed without one.</summary>
    public static async Task<string> GetAsync(int port, string path, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var cancel = new CancellationTokenSource(timeout);
        await client.ConnectAsync("127.0.0.1", port, cancel.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), cancel.Token);
        var response = new MemoryStream();
        try
        {
            await stream.CopyToAsync(response, cancel.Token);
        }
        catch (IOException)
        {
            // A reset is how a killed worker's connection ends.
        }

        return Encoding.ASCII.GetString(response.ToArray());
    }
}
