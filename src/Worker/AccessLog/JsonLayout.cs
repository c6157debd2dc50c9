using System.Buffers;
using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Supervisor.Worker.AccessLog;

/// <summary>
/// One JSON object per line for log_format = "json". Unlike the text line it does not follow the format:
/// it always carries every atom that has a value, under a stable snake_case name, so a log pipeline does not
/// depend on access_log_format. Only the header and environment atoms, which cannot be listed in advance,
/// come from the format. The field names are listed in docs/protocol.md ("Access log").
/// </summary>
internal sealed class JsonLayout : IAccessLogLayout
{
    // Log files are not HTML: keep '<', '&', '+' and non-ASCII text readable.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly int _processId;
    private readonly ImmutableArray<string> _requestHeaders;
    private readonly ImmutableArray<string> _responseHeaders;
    private readonly ImmutableArray<FormatPart> _environment;

    public JsonLayout(AccessLogFormat format, int processId)
    {
        ArgumentNullException.ThrowIfNull(format);
        _processId = processId;
        _requestHeaders = [.. format.Parts.Where(p => p.Atom == Atom.RequestHeader).Select(p => p.Text).Distinct()];
        _responseHeaders = [.. format.Parts.Where(p => p.Atom == Atom.ResponseHeader).Select(p => p.Text).Distinct()];
        _environment = [.. format.Parts.Where(p => p.Atom == Atom.Environment && p.Value is not null).DistinctBy(p => p.Text)];
    }

    public void Render(in AccessLogEntry entry, ArrayBufferWriter<byte> line)
    {
        var json = t_writer ??= new Utf8JsonWriter(line, Options);
        json.Reset(line);
        Span<char> scratch = stackalloc char[RequestValues.ScratchLength];
        var context = entry.Context;
        var request = context.Request;

        json.WriteStartObject();
        StringIfAny(json, "remote_addr"u8, RequestValues.RemoteAddress(context, scratch));
        StringIfAny(json, "user"u8, RequestValues.User(context, scratch));
        json.WriteString("time"u8, entry.Start);
        RequestLine(json, request.Method, RequestValues.Target(context), request.Protocol);
        json.WriteString("method"u8, request.Method);
        json.WriteString("path"u8, RequestValues.Path(request));
        StringIfAny(json, "query"u8, RequestValues.Query(request));
        json.WriteString("protocol"u8, request.Protocol);
        json.WriteNumber("status"u8, entry.Status);
        json.WriteNumber("bytes"u8, entry.BytesSent);
        StringIfAny(json, "referer"u8, RequestValues.Single(request.Headers.Referer));
        StringIfAny(json, "user_agent"u8, RequestValues.Single(request.Headers.UserAgent));
        json.WriteNumber("request_time"u8, entry.Microseconds / 1_000_000m);
        json.WriteNumber("request_time_us"u8, entry.Microseconds);
        json.WriteNumber("pid"u8, _processId);
        Headers(json, "request_headers"u8, _requestHeaders, request.Headers);
        Headers(json, "response_headers"u8, _responseHeaders, context.Response.Headers);
        if (_environment.Length > 0)
        {
            json.WriteStartObject("environ"u8);
            foreach (var variable in _environment)
            {
                json.WriteString(variable.Text, variable.Value);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.Flush();
        line.Write("\n"u8);
    }

    /// <summary>"METHOD target PROTOCOL" from a pooled buffer: .NET 8 has no segmented string writes.</summary>
    private static void RequestLine(Utf8JsonWriter json, string method, ReadOnlySpan<char> target, string protocol)
    {
        var length = method.Length + 1 + target.Length + 1 + protocol.Length;
        var buffer = ArrayPool<char>.Shared.Rent(length);
        try
        {
            var span = buffer.AsSpan();
            method.AsSpan().CopyTo(span);
            span[method.Length] = ' ';
            target.CopyTo(span[(method.Length + 1)..]);
            span[method.Length + 1 + target.Length] = ' ';
            protocol.AsSpan().CopyTo(span[(method.Length + 2 + target.Length)..]);
            json.WriteString("request_line"u8, span[..length]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static void StringIfAny(Utf8JsonWriter json, ReadOnlySpan<byte> name, ReadOnlySpan<char> value)
    {
        if (!value.IsEmpty)
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>Only the headers the request or response had; no object when it had none of them.</summary>
    private static void Headers(Utf8JsonWriter json, ReadOnlySpan<byte> name, ImmutableArray<string> wanted, Microsoft.AspNetCore.Http.IHeaderDictionary headers)
    {
        var started = false;
        foreach (var header in wanted)
        {
            if (RequestValues.Header(headers, header) is { Length: > 0 } value)
            {
                if (!started)
                {
                    json.WriteStartObject(name);
                    started = true;
                }

                json.WriteString(header, value);
            }
        }

        if (started)
        {
            json.WriteEndObject();
        }
    }
}
