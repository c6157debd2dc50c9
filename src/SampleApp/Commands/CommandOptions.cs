using System.Globalization;

namespace SampleApp.Commands;

/// <summary>
/// The few <c>--name VALUE</c> options of the app's commands. Hand-read on purpose: two options do not
/// justify a command-line library in every worker process.
/// </summary>
internal sealed class CommandOptions
{
    private readonly Dictionary<string, string> _values;

    private CommandOptions(Dictionary<string, string> values) => _values = values;

    /// <exception cref="FormatException">An argument is not a known option with a value; the message says what the command takes.</exception>
    public static CommandOptions Parse(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> known)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!known.Contains(name))
            {
                throw new FormatException($"{command}: unknown argument '{name}'; it takes {Describe(known)}.");
            }

            if (i + 1 >= args.Count)
            {
                throw new FormatException($"{command}: {name} needs a value.");
            }

            values[name] = args[++i];
        }

        return new CommandOptions(values);
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <exception cref="FormatException">The value is not a whole number of seconds from 1 to 3600.</exception>
    public TimeSpan Seconds(string command, string name, int fallback)
    {
        if (Get(name) is not { } text)
        {
            return TimeSpan.FromSeconds(fallback);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 3600)
        {
            throw new FormatException($"{command}: {name} '{text}' is not valid: expected whole seconds from 1 to 3600.");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static string Describe(IReadOnlyCollection<string> known) =>
        known.Count == 0 ? "no arguments" : string.Join(", ", known.Select(k => k + " VALUE"));
}
