namespace Supervisor.Master;

internal enum StopStep
{
    Wait,
    KillStragglers,
    Done,
}
