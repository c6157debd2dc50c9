using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Serilog;
using Supervisor.Configuration;
using Supervisor.Configuration.Values;
using Supervisor.Platform;

namespace Supervisor.Master.Listeners;

/// <summary>
/// systemd's socket activation (sd_listen_fds): a <c>.socket</c> unit binds the addresses and starts the master
/// with them as descriptors 3, 4, ... (<c>LISTEN_FDS</c> of them, for <c>LISTEN_PID</c>, named in
/// <c>LISTEN_FDNAMES</c>). Each is matched to the <c>bind</c> entry it listens on and adopted instead of bound,
/// so the port is never closed across a restart of the service. The variables are removed, so that neither
/// workers nor a new master started by USR2 take them for their own.
/// </summary>
internal static class SocketActivation
{
    public const string PidVariable = "LISTEN_PID";
    public const string FdsVariable = "LISTEN_FDS";
    public const string NamesVariable = "LISTEN_FDNAMES";

    /// <summary>sd_listen_fds' SD_LISTEN_FDS_START: the first descriptor passed.</summary>
    public const int FirstFd = 3;

    /// <summary>
    /// The descriptors systemd passed, by the <c>bind</c> entry each listens on; descriptors no entry names are
    /// closed with a line saying so.
    /// </summary>
    public static Dictionary<BindAddress, int> Take(IReadOnlyList<BindAddress> bind, ILogger log)
    {
        var pid = Environment.GetEnvironmentVariable(PidVariable);
        var count = Environment.GetEnvironmentVariable(FdsVariable);
        var names = (Environment.GetEnvironmentVariable(NamesVariable) ?? "").Split(':');
        foreach (var name in new[] { PidVariable, FdsVariable, NamesVariable })
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        var adopted = new Dictionary<BindAddress, int>();
        if (pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture)
            || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var fds))
        {
            return adopted;
        }

        for (var fd = FirstFd; fd < FirstFd + fds; fd++)
        {
            var name = fd - FirstFd < names.Length && names[fd - FirstFd].Length > 0 ? ", named " + names[fd - FirstFd] : "";
            var local = LocalEndPoint(fd);
            if (bind.FirstOrDefault(b => !adopted.ContainsKey(b) && Matches(b, fd, local)) is { } address)
            {
                Libc.ClearCloseOnExec(fd);
                adopted[address] = fd;
                log.Information(MasterMessages.SocketActivated, fd, Describe(local), name, address.ToString());
            }
            else
            {
                log.Warning(MasterMessages.SocketActivationUnused, fd, Describe(local), name);
                Libc.Close(fd);
            }
        }

        return adopted;
    }

    /// <summary>An entry names the descriptor (<c>fd://3</c>), or the address it listens on.</summary>
    public static bool Matches(BindAddress address, int fd, EndPoint? local) => address.Kind switch
    {
        BindKind.FileDescriptor => address.Fd == fd,
        BindKind.Unix => local is UnixDomainSocketEndPoint unix && unix.ToString() == address.Path,
        _ => local is IPEndPoint ip && ip.Port == address.Port && HostMatches(address.Host, ip.Address),
    };

    private static bool HostMatches(string host, IPAddress bound)
    {
        if (bound.IsIPv4MappedToIPv6)
        {
            bound = bound.MapToIPv4();
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var wanted)
            ? wanted.Equals(bound)
            : host == "localhost" && IPAddress.IsLoopback(bound);
    }

    private static EndPoint? LocalEndPoint(int fd)
    {
        try
        {
            using var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: false));
            return socket.LocalEndPoint;
        }
        catch (SocketException)
        {
            // Not a socket, or not a bound one: no entry can name it but fd://N.
            return null;
        }
    }

    private static string Describe(EndPoint? local) => local?.ToString() ?? "not a socket";
}
