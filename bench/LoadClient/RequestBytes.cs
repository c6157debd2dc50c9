using System.Text;

namespace LoadClient;

/// <summary>The one request every attempt sends, written once and shared by all clients.</summary>
internal static class RequestBytes
{
    public static byte[] For(Uri url, ClientMode mode)
    {
        var request = new StringBuilder()
            .Append("GET ").Append(url.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(url.Authority).Append("\r\n")
            .Append("User-Agent: loadclient\r\n")
            .Append("Accept: */*\r\n");
        if (mode == ClientMode.Close)
        {
            request.Append("Connection: close\r\n");
        }

        return Encoding.ASCII.GetBytes(request.Append("\r\n").ToString());
    }
}
