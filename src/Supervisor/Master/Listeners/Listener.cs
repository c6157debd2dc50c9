using System.Globalization;
using System.Net.Sockets;
using Supervisor.Configuration;
using Supervisor.Configuration.Values;

namespace Supervisor.Master.Listeners;

/// <summary>
/// One listening socket, bound once by the master and inherited by every worker at the same descriptor number.
/// Holding the <see cref="Socket"/> keeps the GC from closing the descriptor.
/// </summary>
internal sealed class Listener : IDisposable
{
    public Listener(BindAddress address, Socket socket, string url)
    {
        Address = address;
        Socket = socket;
        Url = url;
    }

    /// <summary>The address as configured; a reload keeps a listener whose address is still wanted.</summary>
    public BindAddress Address { get; }

    public Socket Socket { get; }

    /// <summary>What the user reads in "Listening at:": http://127.0.0.1:8000 or unix:/run/app.sock.</summary>
    public string Url { get; }

    public int Fd => (int)Socket.Handle;

    public string FdText => Fd.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => Close(removeUnixFile: true);

    /// <param name="removeUnixFile">False when another master took the socket over and still serves on it.</param>
    public void Close(bool removeUnixFile)
    {
        Socket.Dispose();
        if (removeUnixFile && Address.Kind == BindKind.Unix)
        {
            try
            {
                File.Delete(Address.Path);
            }
            catch (IOException)
            {
                // Already gone, or in a folder we can no longer write: nothing left to clean.
            }
        }
    }
}
