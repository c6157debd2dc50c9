using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SampleApp.Endpoints;

/// <summary>
/// Misbehaviour on request, for the supervisor's tests and demos: a request that blocks its thread in a method with a
/// name a timeout report must show, and memory that grows until a worker passes <c>max_worker_memory</c>. Nothing a
/// real app should copy.
/// </summary>
internal static class DiagnosticsEndpoints
{
    /// <summary>Ten minutes, as for /api/sleep: longer than any sensible worker timeout, short enough to bound a mistake.</summary>
    public const int MaxHangMilliseconds = 600_000;

    /// <summary>4 GiB in one request: past any memory limit a test sets, well below the test machines' memory.</summary>
    public const int MaxAllocateMebibytes = 4096;

    private const int Mebibyte = 1024 * 1024;

    // Held for the life of the process: the point is that the worker's memory only grows.
    private static readonly List<byte[]> Held = [];

    public static void MapDiagnosticsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/debug/hang", Hang);
        app.MapGet("/api/debug/allocate", Allocate);
    }

    private static IResult Hang(string? ms)
    {
        if (!TryParse(ms, 0, MaxHangMilliseconds, out var milliseconds))
        {
            return Results.Text($"ms must be a whole number from 0 to {MaxHangMilliseconds}.", statusCode: StatusCodes.Status400BadRequest);
        }

        HangInKnownMethod(milliseconds);
        return Json(writer =>
        {
            writer.WriteNumber("hung_ms", milliseconds);
            writer.WriteNumber("pid", Environment.ProcessId);
        });
    }

    /// <summary>
    /// Blocks the request's thread-pool thread, as a synchronous call that never returns would. Not inlined, so the
    /// frame a stack dump shows carries this name.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void HangInKnownMethod(int milliseconds) => Thread.Sleep(milliseconds);

    private static IResult Allocate(string? mb)
    {
        if (!TryParse(mb, 1, MaxAllocateMebibytes, out var mebibytes))
        {
            return Results.Text($"mb must be a whole number from 1 to {MaxAllocateMebibytes}.", statusCode: StatusCodes.Status400BadRequest);
        }

        int held;
        lock (Held)
        {
            for (var i = 0; i < mebibytes; i++)
            {
                Held.Add(Touched(GC.AllocateUninitializedArray<byte>(Mebibyte)));
            }

            held = Held.Count;
        }

        return Json(writer =>
        {
            writer.WriteNumber("allocated_mb", mebibytes);
            writer.WriteNumber("held_mb", held);
            writer.WriteNumber("rss_bytes", Environment.WorkingSet);
            writer.WriteNumber("pid", Environment.ProcessId);
        });
    }

    /// <summary>Writes one byte in every page: memory never written is only reserved, and RSS would not grow.</summary>
    private static byte[] Touched(byte[] block)
    {
        for (var offset = 0; offset < block.Length; offset += Environment.SystemPageSize)
        {
            block[offset] = 1;
        }

        return block;
    }

    private static bool TryParse(string? text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    // Written by hand rather than through SampleJsonContext: these answers are for tests, and keeping them out of the
    // app's own response types keeps this file self-contained.
    private static IResult Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Results.Text(buffer.WrittenSpan, "application/json");
    }
}
