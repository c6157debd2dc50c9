namespace Supervisor.Worker.AccessLog;

/// <summary>The t atom: Apache's common log time, <c>[25/Nov/2026:10:00:00 +0000]</c>, which Gunicorn writes too.</summary>
internal static class GunicornTime
{
    public const int Length = 28;

    // The month is always English, whatever the culture (strftime's %b in the C locale).
    private static readonly byte[][] Months =
    [
        "Jan"u8.ToArray(), "Feb"u8.ToArray(), "Mar"u8.ToArray(), "Apr"u8.ToArray(), "May"u8.ToArray(), "Jun"u8.ToArray(),
        "Jul"u8.ToArray(), "Aug"u8.ToArray(), "Sep"u8.ToArray(), "Oct"u8.ToArray(), "Nov"u8.ToArray(), "Dec"u8.ToArray(),
    ];

    /// <summary>Writes exactly <see cref="Length"/> ASCII bytes.</summary>
    public static void Write(DateTimeOffset time, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Length);
        var offsetMinutes = (int)time.Offset.TotalMinutes;
        destination[0] = (byte)'[';
        Digits(destination.Slice(1, 2), time.Day);
        destination[3] = (byte)'/';
        Months[time.Month - 1].CopyTo(destination[4..]);
        destination[7] = (byte)'/';
        Digits(destination.Slice(8, 4), time.Year);
        destination[12] = (byte)':';
        Digits(destination.Slice(13, 2), time.Hour);
        destination[15] = (byte)':';
        Digits(destination.Slice(16, 2), time.Minute);
        destination[18] = (byte)':';
        Digits(destination.Slice(19, 2), time.Second);
        destination[21] = (byte)' ';
        destination[22] = offsetMinutes < 0 ? (byte)'-' : (byte)'+';
        offsetMinutes = Math.Abs(offsetMinutes);
        Digits(destination.Slice(23, 2), offsetMinutes / 60);
        Digits(destination.Slice(25, 2), offsetMinutes % 60);
        destination[27] = (byte)']';
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
