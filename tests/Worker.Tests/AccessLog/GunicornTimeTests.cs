using System.Text;
using Supervisor.Worker.AccessLog;

namespace Worker.Tests.AccessLog;

public sealed class GunicornTimeTests
{
    private static string Format(DateTimeOffset time)
    {
        var bytes = new byte[GunicornTime.Length];
        GunicornTime.Write(time, bytes);
        return Encoding.ASCII.GetString(bytes);
    }

    [Fact]
    public void WritesApachesCommonLogTime()
    {
        Assert.Equal("[25/Nov/2026:10:00:00 +0000]", Format(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void PadsDayAndTimeWithZeros()
    {
        Assert.Equal("[01/Jan/2027:03:04:05 +0000]", Format(new DateTimeOffset(2027, 1, 1, 3, 4, 5, TimeSpan.Zero)));
    }

    [Fact]
    public void WritesTheOffsetWithoutAColon()
    {
        Assert.Equal("[25/Nov/2026:10:00:00 -0530]", Format(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromMinutes(-330))));
        Assert.Equal("[25/Nov/2026:10:00:00 +0545]", Format(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromMinutes(345))));
    }

    [Theory]
    [InlineData(1, "Jan")]
    [InlineData(2, "Feb")]
    [InlineData(3, "Mar")]
    [InlineData(4, "Apr")]
    [InlineData(5, "May")]
    [InlineData(6, "Jun")]
    [InlineData(7, "Jul")]
    [InlineData(8, "Aug")]
    [InlineData(9, "Sep")]
    [InlineData(10, "Oct")]
    [InlineData(11, "Nov")]
    [InlineData(12, "Dec")]
    public void NamesMonthsInEnglish(int month, string name)
    {
        Assert.Equal($"[15/{name}/2026:00:00:00 +0000]", Format(new DateTimeOffset(2026, month, 15, 0, 0, 0, TimeSpan.Zero)));
    }
}
