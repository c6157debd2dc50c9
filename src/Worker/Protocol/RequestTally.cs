using System.Buffers.Binary;
using System.Globalization;

namespace Supervisor.Worker.Protocol;

/// <summary>
/// A worker's completed requests as its slot counts them: by status class (1xx to 5xx), by duration bucket
/// (<see cref="DurationBuckets"/>, not cumulative), and their total duration in microseconds. The default value
/// is all zeros.
/// </summary>
internal readonly struct RequestTally : IEquatable<RequestTally>
{
    public const int StatusClasses = 5;

    /// <summary>Longs in the slot: the classes, the buckets, the sum.</summary>
    public const int Length = StatusClasses + DurationBuckets.Count + 1;

    private const int BucketsStart = StatusClasses;
    private const int SumIndex = Length - 1;

    // More than any worker serves in its life; a count past it is not a count.
    private const long MaxCount = 1L << 40;

    // 2^40 requests of a minute each would pass 2^40 microseconds, so the sum has room of its own; adding up
    // 4096 slots of it still fits a long.
    private const long MaxSumMicros = 1L << 50;

    private readonly long[]? _values;

    public RequestTally(long[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(values.Length, Length);
        _values = values;
    }

    /// <summary>Requests whose status was <paramref name="statusClass"/>xx, 1 to 5.</summary>
    public long StatusClass(int statusClass) => Value(statusClass - 1);

    /// <summary>Requests in bucket <paramref name="index"/> alone, 0 to <see cref="DurationBuckets.Count"/> - 1.</summary>
    public long Bucket(int index) => Value(BucketsStart + index);

    public long DurationSumMicros => Value(SumIndex);

    /// <summary>Requests counted in the histogram: every bucket.</summary>
    public long Count
    {
        get
        {
            long count = 0;
            for (var i = 0; i < DurationBuckets.Count; i++)
            {
                count += Bucket(i);
            }

            return count;
        }
    }

    /// <summary>The tally of a copy of a whole slot.</summary>
    public static RequestTally Read(ReadOnlySpan<byte> slot)
    {
        var values = new long[Length];
        for (var i = 0; i < Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(slot[(ScoreboardLayout.RequestTallyOffset + (i * 8))..]);
        }

        return new RequestTally(values);
    }

    /// <summary>What no honest worker writes (a negative count, or one past any worker's life), or null.</summary>
    public string? Problem()
    {
        for (var i = 0; i < Length; i++)
        {
            var value = Value(i);
            if (value < 0 || value > (i == SumIndex ? MaxSumMicros : MaxCount))
            {
                return $"request tally field {i.ToString(CultureInfo.InvariantCulture)} is out of range ({value.ToString(CultureInfo.InvariantCulture)})";
            }
        }

        return null;
    }

    /// <summary>Each field the larger of the two: a worker's tally only grows, even if a read raced its write.</summary>
    public RequestTally Max(RequestTally other) => Combine(other, Math.Max);

    /// <summary>Field by field, stopping at <see cref="long.MaxValue"/> rather than wrapping.</summary>
    public RequestTally Plus(RequestTally other) =>
        Combine(other, static (a, b) => a > long.MaxValue - b ? long.MaxValue : a + b);

    public bool Equals(RequestTally other)
    {
        for (var i = 0; i < Length; i++)
        {
            if (Value(i) != other.Value(i))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is RequestTally other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Count, DurationSumMicros);

    public static bool operator ==(RequestTally left, RequestTally right) => left.Equals(right);

    public static bool operator !=(RequestTally left, RequestTally right) => !left.Equals(right);

    private long Value(int index) => _values is null ? 0 : _values[index];

    private RequestTally Combine(RequestTally other, Func<long, long, long> combine)
    {
        var values = new long[Length];
        for (var i = 0; i < Length; i++)
        {
            values[i] = combine(Value(i), other.Value(i));
        }

        return new RequestTally(values);
    }
}
