using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;

namespace Supervisor.Master.Listeners;

/// <summary>How the listening sockets are made: their queue, their owner and mode (unix), and SO_REUSEPORT.</summary>
/// <param name="Owner">Who a unix socket is given to (the workers' user); null: the master's user keeps it.</param>
/// <param name="Umask">The umask a unix socket is created under, as Gunicorn's umask.</param>
internal sealed record SocketOptions(int Backlog, (uint Uid, uint Gid)? Owner = null, int Umask = 0, bool ReusePort = false)
{
    public static SocketOptions From(SupervisorConfig config) =>
        new(config.Get(Settings.Backlog), config.WorkerOwner, config.Get(Settings.Umask), config.Get(Settings.ReusePort));
}
