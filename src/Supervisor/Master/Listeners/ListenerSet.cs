using System.Globalization;
using System.Net.Sockets;
using Supervisor.Configuration;
using Supervisor.Configuration.Values;

namespace Supervisor.Master.Listeners;

/// <summary>
/// Every socket the master holds. A reload asks for the addresses it wants: those already bound are kept, new
/// ones are bound, and the ones no longer wanted are closed only once no live worker uses them.
/// </summary>
internal sealed class ListenerSet : IDisposable
{
    private readonly List<Listener> _listeners = [];
    private readonly ListenerBinder _binder;
    private readonly Dictionary<BindAddress, int> _inherited;
    private Listener[] _published = [];

    /// <param name="inherited">Sockets a parent master handed over (binary upgrade), by address.</param>
    public ListenerSet(ListenerBinder binder, Dictionary<BindAddress, int> inherited)
    {
        _binder = binder;
        _inherited = inherited;
    }

    public IReadOnlyList<Listener> All => _listeners;

    /// <summary>
    /// A copy of <see cref="All"/> made after every change, for other threads (the control endpoint) to read
    /// whole while the arbiter's thread changes the set.
    /// </summary>
    public IReadOnlyList<Listener> Published => Volatile.Read(ref _published);

    /// <summary>Set once a child master serves on these sockets: their unix socket files must stay.</summary>
    public bool HandedOver { get; set; }

    /// <summary>The listeners for exactly these addresses, binding the missing ones; all or none.</summary>
    public IReadOnlyList<Listener> Ensure(IReadOnlyList<BindAddress> addresses, SocketOptions options, int attempts)
    {
        var added = new List<Listener>();
        var result = new List<Listener>();
        try
        {
            foreach (var address in addresses)
            {
                var listener = _listeners.Concat(added).FirstOrDefault(l => l.Address == address);
                if (listener is null)
                {
                    listener = _inherited.Remove(address, out var fd)
                        ? ListenerBinder.AdoptInherited(address, fd, options.Backlog)
                        : _binder.Bind(address, options, attempts);
                    added.Add(listener);
                }
                else
                {
                    listener.Socket.Listen(options.Backlog);
                }

                result.Add(listener);
            }
        }
        catch
        {
            added.ForEach(l => l.Dispose());
            throw;
        }

        _listeners.AddRange(added);
        Publish();
        return result;
    }

    /// <summary>Closes every listener whose descriptor is not in use; returns the addresses closed.</summary>
    public List<BindAddress> CloseUnused(IReadOnlySet<int> fdsInUse)
    {
        var unused = _listeners.Where(l => !fdsInUse.Contains(l.Fd)).ToList();
        foreach (var listener in unused)
        {
            _listeners.Remove(listener);
            listener.Close(removeUnixFile: !HandedOver);
        }

        Publish();
        return unused.Select(l => l.Address).ToList();
    }

    /// <summary>The value of <see cref="UpgradeVariables.Listeners"/> for a child master.</summary>
    public string HandoverText() =>
        string.Join('\n', _listeners.Select(l => l.Fd.ToString(CultureInfo.InvariantCulture) + " " + l.Address));

    /// <summary>Reads what a parent master handed over; an entry that does not parse is ignored.</summary>
    public static Dictionary<BindAddress, int> ParseHandover(string? text)
    {
        var inherited = new Dictionary<BindAddress, int>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && int.TryParse(line[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var fd)
                && BindAddress.TryParse(line[(space + 1)..], "/", out _) is { } address)
            {
                inherited[address] = fd;
            }
        }

        return inherited;
    }

    /// <summary>Closes handed-over sockets this configuration does not use, so workers do not inherit them.</summary>
    public static void CloseUnclaimed(Dictionary<BindAddress, int> inherited)
    {
        foreach (var fd in inherited.Values)
        {
            new SafeSocketHandle(fd, ownsHandle: true).Dispose();
        }

        inherited.Clear();
    }

    public void Dispose()
    {
        foreach (var listener in _listeners)
        {
            listener.Close(removeUnixFile: !HandedOver);
        }

        _listeners.Clear();
        Publish();
    }

    private void Publish() => Volatile.Write(ref _published, [.. _listeners]);
}
