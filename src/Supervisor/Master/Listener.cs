using System.Globalization;
using System.Net.Sockets;
using Supervisor.Configuration;

namespace Supervisor.Master;

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

    public BindAddress Address { get; }

    public Socket Socket { get; }

    /// <summary>What the user reads in "Listening at:": http://127.0.0.1:8000 or unix:/run/app.sock.</summary>
    public string Url { get; }

    public int Fd => (int)Socket.Handle;

    public string FdText => Fd.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Socket.Dispose();
        if (Address.Kind == BindKind.Unix)
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
