using Supervisor.Status;

namespace Supervisor.Tests.Status;

public sealed class StatusFormatTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(12.9, "12s")]
    [InlineData(59, "59s")]
    [InlineData(60, "1m00s")]
    [InlineData(184, "3m04s")]
    [InlineData(3599, "59m59s")]
    [InlineData(3600, "1h00m")]
    [InlineData(3720, "1h02m")]
    [InlineData(86399, "23h59m")]
    [InlineData(86400 + (5 * 3600), "1d05h")]
    public void AgeIsShortAndKeepsItsTwoLargestUnits(double seconds, string expected)
    {
        Assert.Equal(expected, StatusFormat.Age(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void AnUnknownAgeOrMemoryIsADash()
    {
        Assert.Equal("-", StatusFormat.Age(null));
        Assert.Equal("-", StatusFormat.Memory(null));
    }

    [Theory]
    [InlineData(0, "0.0 MiB")]
    [InlineData(1024 * 1024, "1.0 MiB")]
    [InlineData(49_459L * 1024, "48.3 MiB")]
    [InlineData(3L * 1024 * 1024 * 1024, "3072.0 MiB")]
    public void MemoryIsInMebibytesWithOneDecimal(long bytes, string expected)
    {
        Assert.Equal(expected, StatusFormat.Memory(bytes));
    }
}
