using System.Globalization;

namespace Supervisor.Commands.Control;

/// <summary>The argument of <c>supervisor scale</c>: workers to add (+N) or remove (-N).</summary>
internal readonly record struct ScaleChange(int Delta)
{
    // Far above any useful step; keeps the count of signals to send an int.
    private const int MaxMagnitude = 10_000;

    public ControlSignal Signal => Delta > 0 ? ControlSignal.Ttin : ControlSignal.Ttou;

    public int Steps => Math.Abs(Delta);

    /// <summary>
    /// Parses "+N" or "-N". The sign is required, so that 'scale 3' is not read as either "to 3" or "by 3".
    /// </summary>
    public static bool TryParse(string text, out ScaleChange change, out string error)
    {
        change = default;
        error = "";
        if (text.Length < 2 || text[0] is not ('+' or '-')
            || !int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var magnitude)
            || magnitude > MaxMagnitude)
        {
            error = ControlMessages.ScaleNotAChange(text);
            return false;
        }

        if (magnitude == 0)
        {
            error = ControlMessages.ScaleZero(text);
            return false;
        }

        change = new ScaleChange(text[0] == '+' ? magnitude : -magnitude);
        return true;
    }

    public override string ToString() => (Delta > 0 ? "+" : "") + Delta.ToString(CultureInfo.InvariantCulture);
}
