using System.Globalization;
using System.Net;
using System.Text;

namespace Supervisor.Worker.Proxying;

/// <summary>The error response Gunicorn writes before closing, for a header it refuses (util.write_error).</summary>
internal static class ProxyRefusal
{
    public static byte[] Response(int status, string reason, string message)
    {
        var body = string.Create(CultureInfo.InvariantCulture,
            $"<html>\n  <head>\n    <title>{reason}</title>\n  </head>\n  <body>\n    <h1><p>{reason}</p></h1>\n    {WebUtility.HtmlEncode(message)}\n  </body>\n</html>\n");
        var head = string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: text/html\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\n\r\n");
        return Encoding.ASCII.GetBytes(head + body);
    }
}
