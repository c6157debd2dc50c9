using Supervisor.Worker.Protocol;

namespace Worker.Tests.Protocol;

public sealed class ScoreboardLayoutTests
{
    private static readonly int[] Offsets =
    [
        ScoreboardLayout.StateOffset,
        ScoreboardLayout.PidOffset,
        ScoreboardLayout.GenerationOffset,
        ScoreboardLayout.HeartbeatOffset,
        ScoreboardLayout.RequestsServedOffset,
        ScoreboardLayout.RequestsInFlightOffset,
        ScoreboardLayout.OldestStartOffset,
        ScoreboardLayout.TextSequenceOffset,
    ];

    public static TheoryData<int> LongOffsets => new(Offsets);

    [Theory]
    [MemberData(nameof(LongOffsets))]
    public void EveryCounterIsEightByteAlignedInsideTheSlot(int offset)
    {
        Assert.Equal(0, offset % 8);
        Assert.InRange(offset + 8, 8, ScoreboardLayout.ClientAddressOffset);
    }

    [Fact]
    public void CountersDoNotOverlap() =>
        Assert.Equal(Offsets.Length, Offsets.Distinct().Count());

    [Fact]
    public void TextFieldsFollowTheCountersAndFitTheSlot()
    {
        Assert.Equal(ScoreboardLayout.TextSequenceOffset + 8, ScoreboardLayout.ClientAddressOffset);
        Assert.Equal(ScoreboardLayout.ClientAddressOffset + ScoreboardLayout.ClientAddressSize, ScoreboardLayout.RequestLineOffset);
        Assert.True(ScoreboardLayout.UsedSize <= ScoreboardLayout.SlotSize);
    }

    [Fact]
    public void SlotsAndHeaderKeepEverySlotCacheLineAligned()
    {
        Assert.Equal(0, ScoreboardLayout.HeaderSize % 64);
        Assert.Equal(0, ScoreboardLayout.SlotSize % 64);
        Assert.Equal(64 + (3 * 512), ScoreboardLayout.FileSize(3));
        Assert.Equal(64 + 512, ScoreboardLayout.SlotStart(1));
    }

    [Fact]
    public void MagicSpellsSvsbInTheFile() =>
        Assert.Equal("SVSB", System.Text.Encoding.ASCII.GetString(BitConverter.GetBytes(ScoreboardLayout.Magic)));
}
