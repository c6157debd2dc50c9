using Supervisor.Status;
using Supervisor.Worker.Protocol;

namespace Supervisor.Commands;

/// <summary>Runs a control command's body and turns a <see cref="ControlException"/> into its message and exit code.</summary>
internal static class ControlAction
{
    public static int Run(TextWriter error, Action body)
    {
        try
        {
            body();
            return ExitCodes.Ok;
        }
        catch (ControlException e)
        {
            error.WriteLine(e.Message);
            return e.ExitCode;
        }
    }
}
