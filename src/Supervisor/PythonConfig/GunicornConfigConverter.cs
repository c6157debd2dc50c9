using System.Globalization;
using System.Text;
using Supervisor.Configuration.Catalogue;

namespace Supervisor.PythonConfig;

/// <summary>
/// Turns a Gunicorn config file into the equivalent gunicorn.toml: every plain assignment of a setting that
/// exists here is carried over in file order; every other line that says something (a hook written in Python,
/// a setting with no meaning here, a value computed at start) is listed with its line number and why.
/// </summary>
internal static class GunicornConfigConverter
{
    public static Conversion Convert(string source, string fileName)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var statements = PythonConfigReader.Read(source, used);
        var toml = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# Converted from {Path.GetFileName(fileName)} by supervisor convert; check it with 'supervisor check'.\n")
            .Append("# The worker command is the .NET app; set it here or give it after --:\n")
            .Append("# app = [\"dotnet\", \"out/MyApp.dll\"]\n");
        var notCarried = new List<string>();
        var carried = 0;
        foreach (var statement in statements)
        {
            if (Carry(statement, used) is { } reason)
            {
                if (reason.Length > 0)
                {
                    notCarried.Add($"{fileName}:{statement.Line}: {statement.Text.Trim()}: not carried over: {reason}");
                }

                continue;
            }

            carried++;
            if (statement.Value is not null)
            {
                toml.Append(statement.Name).Append(" = ").Append(TomlText.Value(Value(statement))).Append('\n');
            }
        }

        return new Conversion(toml.ToString(), carried, notCarried);
    }

    /// <summary>Null when the statement is carried over; otherwise why not ("" for what needs no mention).</summary>
    private static string? Carry(PythonStatement statement, HashSet<string> used)
    {
        if (statement.Name is not { } name)
        {
            return statement.Problem;
        }

        var setting = statement.IsFunction ? null : Settings.Find(name);
        if (setting is { Ours: false })
        {
            if (statement.Problem is { } problem)
            {
                return problem;
            }

            return statement.Value switch
            {
                CpuCount cpus when setting == Settings.Workers && cpus is not { Factor: 2, Offset: 1 } =>
                    $"it depends on the CPUs ({cpus}); set a number, or \"auto\" (2 x CPUs + 1)",
                CpuCount cpus when setting != Settings.Workers => $"it depends on the CPUs ({cpus})",
                Dictionary<string, object?> when setting.Default is not IReadOnlyDictionary<string, object> => "a dict, which this setting does not take",
                object[] items when items.Any(i => i is not (string or long or double or bool)) => "a list of values this setting does not take",
                _ => null,
            };
        }

        if (GunicornSettings.Find(name) is { } gunicorn)
        {
            return gunicorn.Problem();
        }

        if (statement.IsFunction)
        {
            return Settings.Find(name) is { Section: Settings.HooksSection }
                ? $"{name} is a Python function; here a hook is a command run with the event in its environment: set {name} = \"...\" (docs/hooks.md)"
                : $"{name} is a Python function, not a setting";
        }

        // A name of the file's own: fine when a setting used it, worth a word otherwise (Gunicorn ignores it too).
        return used.Contains(name) ? "" : $"{name} is not a Gunicorn setting (Gunicorn ignores it too)";
    }

    private static object Value(PythonStatement statement) => statement.Value switch
    {
        CpuCount => "auto",
        var value => value!,
    };
}
