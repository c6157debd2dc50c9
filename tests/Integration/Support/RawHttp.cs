using System.Net.Sockets;
using System.Text;

namespace Integration.Support;

/// <summary>One HTTP/1.1 request on a plain TCP connection, read until the server closes it: no client retries.</summary>
public static class RawHttp
{
    /// <summary>The whole response as text, or "" when the connection was closed without one.</summary>
    public static Task<string> GetAsync(int port, string path, TimeSpan timeout) =>
        ExchangeAsync(port, Encoding.ASCII.GetBytes(Request(path)), timeout);

    /// <summary>A GET that closes its connection, as text.</summary>
    public static string Request(string path) => $"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    /// <summary>Sends the bytes as they are and reads until the server closes: the whole answer as text, or "".</summary>
    public static async Task<string> ExchangeAsync(int port, byte[] sent, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var cancel = new CancellationTokenSource(timeout);
        await client.ConnectAsync("127.0.0.1", port, cancel.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(sent, cancel.Token);
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
