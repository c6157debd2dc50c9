using Supervisor.Worker.Protocol;
using Supervisor.Worker.Scoreboard;
using SupervisorScoreboard = Supervisor.Worker.Scoreboard.Scoreboard;

namespace Worker.Tests.Protocol;

/// <summary>Reading a slot file with pread, as a reader that must survive whatever the file's writer does to it.</summary>
public sealed class ScoreboardFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"worker-tests-{Guid.NewGuid():N}.sb");
    private readonly SupervisorScoreboard _worker;
    private readonly SlotWriter _slot;
    private readonly FileStream _master;

    public ScoreboardFileTests()
    {
        _master = ScoreboardFile.CreateNew(_path, firstSlot: 5, slotCount: 1);
        _worker = SupervisorScoreboard.Open(_path);
        _slot = _worker.OpenSlot(5);
    }

    public void Dispose()
    {
        _worker.Dispose();
        _master.Dispose();
        File.Delete(_path);
    }

    private SlotSnapshot Read(int slot = 5) => ScoreboardFile.Read(_master.SafeFileHandle, _path, slot);

    private void Overwrite(int offset, byte[] bytes) => RandomAccess.Write(_master.SafeFileHandle, bytes, offset);

    [Fact]
    public void ReadsWhatTheWorkerWroteThroughItsMapping()
    {
        _slot.Claim(4242, 3, 1000);
        _slot.State = WorkerState.Ready;
        _slot.RequestStarted();
        _slot.PublishOldest(1500, "10.0.0.7:5000", "GET /a?token=x");

        Assert.Equal(new SlotSnapshot(WorkerState.Ready, 4242, 3, 1000, 0, 1, 1500, "10.0.0.7:5000", "GET /a?token=x", true), Read());
    }

    [Fact]
    public void ATruncatedFileIsDamageNotACrash()
    {
        _slot.Claim(4242, 3, 1000);
        _master.SetLength(100);

        Assert.Equal($"The scoreboard '{_path}' claims 1 slots from slot 5 but is 100 bytes long.", Read().Damage);
        _master.SetLength(0);
        Assert.Equal($"The scoreboard '{_path}' is too short to hold a header.", Read().Damage);
        Assert.Equal(0, Read().Pid);
    }

    [Fact]
    public void AnEnlargedFileIsDamage()
    {
        _master.SetLength(1 << 20);

        Assert.Equal("the file is 1048576 bytes long; a scoreboard of 1 slot(s) is 576", Read().Damage);
    }

    [Fact]
    public void GarbageInTheHeaderIsDamage()
    {
        Overwrite(0, Enumerable.Repeat((byte)0xAB, 64).ToArray());

        Assert.Equal($"The file '{_path}' is not a scoreboard (magic number 0xABABABAB, expected 0x42535653).", Read().Damage);
    }

    [Fact]
    public void AFileOfAnotherSlotIsDamage()
    {
        Assert.Equal("the file holds slots 5 to 5, not slot 4", Read(4).Damage);
    }

    [Fact]
    public void FieldsNoWorkerWritesAreDamage()
    {
        _slot.Claim(4242, 3, 1000);
        Overwrite(ScoreboardLayout.HeaderSize + ScoreboardLayout.StateOffset, BitConverter.GetBytes(77L));
        Assert.Equal("state 77 is not a worker state", Read().Damage);

        Overwrite(ScoreboardLayout.HeaderSize + ScoreboardLayout.StateOffset, BitConverter.GetBytes(2L));
        Overwrite(ScoreboardLayout.HeaderSize + ScoreboardLayout.PidOffset, BitConverter.GetBytes(-1L));
        Assert.Equal("pid -1 is not a process id", Read().Damage);

        Overwrite(ScoreboardLayout.HeaderSize + ScoreboardLayout.PidOffset, BitConverter.GetBytes(4242L));
        Overwrite(ScoreboardLayout.HeaderSize + ScoreboardLayout.RequestsInFlightOffset, BitConverter.GetBytes(-5L));
        Assert.Equal("counters out of range (served 0, in flight -5, connections 0)", Read().Damage);

        Overwrite(ScoreboardLayout.HeaderSize + ScoreboardLayout.RequestsInFlightOffset, BitConverter.GetBytes(0L));
        Overwrite(ScoreboardLayout.HeaderSize + ScoreboardLayout.RequestTallyOffset + 8, BitConverter.GetBytes(-1L));
        Assert.Equal("request tally field 1 is out of range (-1)", Read().Damage);

        Overwrite(ScoreboardLayout.HeaderSize + ScoreboardLayout.RequestTallyOffset + 8, BitConverter.GetBytes(long.MaxValue));
        Assert.Equal($"request tally field 1 is out of range ({long.MaxValue})", Read().Damage);

        // The sum of durations in microseconds has more room than a count: a worker's life of slow requests fits.
        Overwrite(ScoreboardLayout.HeaderSize + ScoreboardLayout.RequestTallyOffset + 8, BitConverter.GetBytes(0L));
        Overwrite(ScoreboardLayout.HeaderSize + ScoreboardLayout.RequestTallyOffset + ((RequestTally.Length - 1) * 8), BitConverter.GetBytes(1L << 45));
        Assert.Null(Read().Damage);
        Assert.Equal(1L << 45, Read().Requests.DurationSumMicros);
    }

    [Fact]
    public void RequestLineBytesAreMadeSafeToLog()
    {
        _slot.Claim(4242, 3, 1000);
        _slot.PublishOldest(1500, "", "GET /a\nFAKE LOG LINE");
        Assert.Equal("GET /a\\x0AFAKE LOG LINE", Read().RequestLine);

        Overwrite(ScoreboardLayout.HeaderSize + ScoreboardLayout.RequestLineOffset, [0x47, 0xFF, 0xFE, 0x1B, 0]);
        Assert.Equal("G\uFFFD\uFFFD\\x1B", Read().RequestLine);
    }

    [Fact]
    public void ASequenceLeftOddReadsAsPossiblyTorn()
    {
        _slot.Claim(4242, 3, 1000);
        Overwrite(ScoreboardLayout.HeaderSize + ScoreboardLayout.TextSequenceOffset, BitConverter.GetBytes(7L));

        var slot = Read();
        Assert.False(slot.TextConsistent);
        Assert.Null(slot.Damage);
    }
}
