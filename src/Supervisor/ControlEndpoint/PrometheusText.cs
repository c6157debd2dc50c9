using System.Globalization;
using System.Text;

namespace Supervisor.ControlEndpoint;

/// <summary>
/// Writes Prometheus's text exposition format 0.0.4 by hand: a HELP and a TYPE line per metric family, then its
/// samples. Names are the caller's constants; label values and help texts are escaped as the format requires.
/// </summary>
internal sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    /// <summary>Starts a metric family; every sample written after it until the next family belongs to it.</summary>
    public PrometheusText Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(Escape(help, quotes: false)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusText Sample(string name, long value, params ReadOnlySpan<(string Name, string Value)> labels) =>
        Sample(name, value.ToString(CultureInfo.InvariantCulture), labels);

    public PrometheusText Sample(string name, double value, params ReadOnlySpan<(string Name, string Value)> labels) =>
        Sample(name, Format(value), labels);

    public override string ToString() => _text.ToString();

    /// <summary>A float as Prometheus reads it: Go's ParseFloat accepts "R" digits, NaN and +Inf/-Inf.</summary>
    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Backslash and newline in a help text; a label value also escapes the double quote.</summary>
    public static string Escape(string text, bool quotes)
    {
        var escaped = text.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);
        return quotes ? escaped.Replace("\"", "\\\"", StringComparison.Ordinal) : escaped;
    }

    private PrometheusText Sample(string name, string value, ReadOnlySpan<(string Name, string Value)> labels)
    {
        _text.Append(name);
        if (!labels.IsEmpty)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                _text.Append(i == 0 ? "" : ",").Append(labels[i].Name).Append("=\"").Append(Escape(labels[i].Value, quotes: true)).Append('"');
            }

            _text.Append('}');
        }

        _text.Append(' ').Append(value).Append('\n');
        return this;
    }
}
