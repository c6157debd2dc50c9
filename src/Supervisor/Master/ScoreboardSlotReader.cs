using Supervisor.Worker.Scoreboard;

namespace Supervisor.Master;

internal sealed class ScoreboardSlotReader : ISlotReader
{
    private readonly Worker.Scoreboard.Scoreboard _scoreboard;

    public ScoreboardSlotReader(Worker.Scoreboard.Scoreboard scoreboard)
    {
        _scoreboard = scoreboard;
    }

    public int SlotCount => _scoreboard.SlotCount;

    public SlotSnapshot Read(int slot) => _scoreboard.ReadSlot(slot);
}
