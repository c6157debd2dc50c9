using System.CommandLine;
using System.Globalization;

namespace Supervisor.Commands;

/// <summary>The --timeout SECONDS of the commands that wait for the master.</summary>
internal static class TimeoutOption
{
    // A graceful stop takes up to graceful_timeout (30 s by default) and a worker's boot up to timeout (30 s):
    // twice that leaves room for both without leaving a script hanging on a stuck master.
    public const int DefaultSeconds = 60;

    public static Option<int> Create(string description)
    {
        var option = new Option<int>("--timeout")
        {
            Description = description, // help adds "[default: 60]" from the factory
            HelpName = "SECONDS",
            DefaultValueFactory = _ => DefaultSeconds,
            CustomParser = result =>
            {
                // One message for every bad value, whether it is no number at all or too small.
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
                {
                    result.AddError($"--timeout must be a whole number of seconds of at least 1, but is '{text}'.");
                }

                return seconds;
            },
        };
        return option;
    }
}
