namespace Supervisor.Platform;

internal sealed class SystemTickClock : ITickClock
{
    public static readonly SystemTickClock Instance = new();

    public long NowMs => Environment.TickCount64;
}
