namespace Worker.Tests.AccessLog.Support;

/// <summary>A clock that says one local time and moves its timestamp only when told.</summary>
internal sealed class FixedTime : TimeProvider
{
    private readonly DateTimeOffset _now;
    private long _timestamp;

    public FixedTime(DateTimeOffset now) => _now = now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.CreateCustomTimeZone("test", _now.Offset, "test", "test");

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public override long GetTimestamp() => _timestamp;

    public void Advance(TimeSpan by) => _timestamp += by.Ticks;
}
