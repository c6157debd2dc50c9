using System.Globalization;
using System.Net.Sockets;

namespace SampleApp.Commands;

/// <summary>
/// <c>SampleApp portcheck HOST PORT</c>: exit 0 when a TCP connection opens within two seconds, 1
/// otherwise. The entrypoint's wait loop uses it because the runtime image has no nc, and POSIX sh
/// cannot open a socket.
/// </summary>
internal static class PortCheckCommand
{
    public const string Name = "portcheck";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count != 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            await error.WriteLineAsync($"{Name}: expected a host and a port, such as: {Name} db 5432.").ConfigureAwait(false);
            return 2;
        }

        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(args[0], port, timeout.Token).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return 1;
        }
    }
}
