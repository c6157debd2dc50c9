using System.Globalization;

namespace Supervisor.PythonConfig;

/// <summary>A number that depends on the CPUs of the machine Gunicorn runs on: Factor x CPUs + Offset.</summary>
internal sealed record CpuCount(long Factor, long Offset)
{
    public override string ToString() => Offset switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{Factor} x CPUs"),
        > 0 => string.Create(CultureInfo.InvariantCulture, $"{Factor} x CPUs + {Offset}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Factor} x CPUs - {-Offset}"),
    };
}
