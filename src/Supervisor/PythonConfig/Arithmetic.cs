namespace Supervisor.PythonConfig;

/// <summary>+ - * / // on the values a config file computes: numbers, strings joined with +, and CPU counts.</summary>
internal static class Arithmetic
{
    public static object Apply(string op, object? left, object? right) => (op, left, right) switch
    {
        ("%", string, _) => throw new PythonSyntaxException("a string formatted with %, which only Python can run"),
        ("+", string a, string b) => a + b,
        ("+", long a, long b) => a + b,
        ("-", long a, long b) => a - b,
        ("*", long a, long b) => a * b,
        ("//", long a, long b) when b != 0 => (long)Math.Floor((double)a / b),
        ("/", long a, long b) when b != 0 => (double)a / b,
        ("+", CpuCount c, long n) => c with { Offset = c.Offset + n },
        ("+", long n, CpuCount c) => c with { Offset = c.Offset + n },
        ("-", CpuCount c, long n) => c with { Offset = c.Offset - n },
        ("*", CpuCount c, long n) => new CpuCount(c.Factor * n, c.Offset * n),
        ("*", long n, CpuCount c) => new CpuCount(c.Factor * n, c.Offset * n),
        (_, double or long, double or long) => Real(op, Convert.ToDouble(left, System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(right, System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new PythonSyntaxException($"'{op}' on {Describe(left)} and {Describe(right)}, which convert does not compute"),
    };

    private static double Real(string op, double a, double b) => op switch
    {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" when b != 0 => a / b,
        "//" when b != 0 => Math.Floor(a / b),
        _ => throw new PythonSyntaxException("a division by zero"),
    };

    private static string Describe(object? value) => value switch
    {
        null => "None",
        string => "a string",
        CpuCount => "the CPU count",
        object[] => "a list",
        _ => "a value",
    };
}
