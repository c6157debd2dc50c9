using System.CommandLine;

namespace Supervisor.Cli;

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
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"--timeout must be a whole number of seconds of at least 1, but is {result.GetValueOrDefault<int>()}.");
            }
        });
        return option;
    }
}
