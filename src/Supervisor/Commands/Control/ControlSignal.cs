using Supervisor.Platform;

namespace Supervisor.Commands.Control;

/// <summary>A signal a control command sends to the master, with the name the user reads.</summary>
internal sealed record ControlSignal(int Number, string Name)
{
    public static readonly ControlSignal Hup = new(Libc.SIGHUP, "HUP");
    public static readonly ControlSignal Term = new(Libc.SIGTERM, "TERM");
    public static readonly ControlSignal Quit = new(Libc.SIGQUIT, "QUIT");
    public static readonly ControlSignal Ttin = new(Libc.SIGTTIN, "TTIN");
    public static readonly ControlSignal Ttou = new(Libc.SIGTTOU, "TTOU");
}
