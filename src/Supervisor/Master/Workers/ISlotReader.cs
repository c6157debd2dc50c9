using Supervisor.Worker.Protocol;

namespace Supervisor.Master.Workers;

/// <summary>Reads workers' scoreboard slots; a seam for tests.</summary>
internal interface ISlotReader
{
    int SlotCount { get; }

    SlotSnapshot Read(int slot);
}
