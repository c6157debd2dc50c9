using System.Text;
using Serilog;
using Serilog.Events;
using Supervisor.Worker.Logging;

namespace Supervisor.Master.Workers;

/// <summary>
/// capture_output: reads what a worker writes to its stdout or stderr and logs it line by line under the
/// worker's pid. The worker is not trusted: a line is cut at <see cref="MaxLineBytes"/>, so no output, however
/// long or unterminated, holds more than that of the master's memory.
/// </summary>
internal static class OutputCapture
{
    public const int MaxLineBytes = 16 * 1024;

    /// <summary>The property a captured line carries its worker's pid in (see <see cref="GunicornTextFormatter"/>).</summary>
    public const string CapturedPid = GunicornTextFormatter.CapturedPid;

    /// <summary>Reads until the worker closes the stream (it exits), on a thread-pool thread.</summary>
    public static Task Start(Stream stream, int pid, ILogger log, LogEventLevel level) =>
        Task.Run(() => ReadAsync(stream, log.ForContext(CapturedPid, pid), level));

    private static async Task ReadAsync(Stream stream, ILogger log, LogEventLevel level)
    {
        var buffer = new byte[8192];
        var line = new byte[MaxLineBytes];
        var length = 0;
        var cut = false;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] == (byte)'\n')
                    {
                        Write(log, level, line, length, cut);
                        (length, cut) = (0, false);
                    }
                    else if (length < MaxLineBytes)
                    {
                        line[length++] = buffer[i];
                    }
                    else if (!cut)
                    {
                        // The rest of the line is dropped, but said so once the line ends.
                        cut = true;
                    }
                }
            }

            if (length > 0 || cut)
            {
                Write(log, level, line, length, cut);
            }
        }
        catch (IOException)
        {
            // The pipe went away with the worker.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void Write(ILogger log, LogEventLevel level, byte[] line, int length, bool cut)
    {
        var end = length > 0 && line[length - 1] == (byte)'\r' ? length - 1 : length;
        var text = Encoding.UTF8.GetString(line, 0, end);
        if (cut)
        {
            text += $" [line cut at {MaxLineBytes} bytes]";
        }

        log.Write(level, "{Output}", text);
    }
}
