using System.CommandLine;
using System.CommandLine.Parsing;
using Supervisor.Configuration;
using Supervisor.Configuration.Values;
using Supervisor.Worker.Protocol;

namespace Supervisor.Commands;

/// <summary>The <c>supervisor</c> command line: its commands, and how a parse error is reported.</summary>
internal static class SupervisorCli
{
    /// <summary>Exit code for a command line that cannot be parsed (argparse's, as Gunicorn's).</summary>
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var loader = ConfigLoader.ForThisProcess();
        var root = new RootCommand("A prefork process supervisor for .NET web apps: one master, N worker processes sharing its sockets.");
        // Gunicorn's -v as well as --version.
        root.Options.OfType<VersionOption>().Single().Aliases.Add("-v");
        root.Subcommands.Add(RunCommand.Create(loader, output, error));
        root.Subcommands.Add(CheckCommand.Create(loader, output, error));
        root.Subcommands.Add(ReloadCommand.Create(loader, output, error));
        root.Subcommands.Add(StopCommand.Create(loader, output, error));
        root.Subcommands.Add(ScaleCommand.Create(loader, output, error));
        root.Subcommands.Add(StatusCommand.Create(loader, output, error));
        root.Subcommands.Add(ConvertCommand.Create(output, error));
        root.Subcommands.Add(StacksCommand.Create(loader, output, error));
        root.Subcommands.Add(TopCommand.Create(loader, output, error));

        var result = root.Parse(args);
        var errors = result.Errors.Select(e => Reword(e, result)).Concat(StrayArguments(result)).ToList();
        if (errors.Count > 0)
        {
            foreach (var message in errors)
            {
                await error.WriteLineAsync($"supervisor: error: {message}");
            }

            var command = result.CommandResult.Command == root ? "supervisor" : $"supervisor {result.CommandResult.Command.Name}";
            await error.WriteLineAsync($"Run '{command} --help' to see the commands and options.");
            return UsageError;
        }

        // The master handles INT and TERM itself; the parser must not take them over.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null, Output = output, Error = error };
        return await result.InvokeAsync(invocation);
    }

    /// <summary>
    /// The worker command is taken only after "--": without it a mistyped flag (--wokers 3) would silently
    /// become the command.
    /// </summary>
    private static IEnumerable<string> StrayArguments(ParseResult result)
    {
        var command = result.CommandResult;
        // Only the worker command is a list of words; another command's argument (scale's +N) is its own.
        var appArgument = command.Command.Arguments.OfType<Argument<string[]>>().FirstOrDefault();
        if (appArgument is null || command.GetResult(appArgument) is not { Tokens.Count: > 0 } app)
        {
            yield break;
        }

        var doubleDash = result.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        var first = app.Tokens[0];
        if (doubleDash < 0 || result.Tokens.ToList().IndexOf(first) < doubleDash)
        {
            yield return first.Value.StartsWith('-')
                ? UnknownOption(first.Value, command.Command)
                : $"unexpected argument '{first.Value}'; the worker command goes after --, as in 'supervisor run -- ./MyApp'.";
        }
    }

    /// <summary>The parser's "Unrecognized command or argument" for a flag, said as an unknown option with a suggestion.</summary>
    private static string Reword(ParseError error, ParseResult result)
    {
        var unknown = result.UnmatchedTokens.FirstOrDefault(t => t.StartsWith('-') && error.Message == $"Unrecognized command or argument '{t}'.");
        return unknown is null ? error.Message : UnknownOption(unknown, result.CommandResult.Command);
    }

    private static string UnknownOption(string flag, Command command)
    {
        var flags = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
            .Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive).SelectMany(o => o.Aliases.Prepend(o.Name))))
            .Where(f => f.StartsWith("--", StringComparison.Ordinal))
            .Distinct()
            .ToDictionary(f => f[2..].Replace('-', '_'));
        // A short flag is too short to guess at: -x is one letter from most others.
        var suggestion = flag.StartsWith("--", StringComparison.Ordinal) && KeySuggester.Suggest(flag[2..], flags.Keys) is { } key ? flags[key] : null;
        return suggestion is null ? $"unknown option '{flag}'." : $"unknown option '{flag}'; did you mean '{suggestion}'?";
    }

    /// <summary>Writes every problem, then one line saying nothing was started.</summary>
    public static int ReportProblems(TextWriter error, IReadOnlyList<ConfigProblem> problems, int exitCode = ExitCodes.ConfigError)
    {
        foreach (var problem in problems)
        {
            error.WriteLine($"Error: {problem}");
        }

        var count = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        error.WriteLine($"The configuration has {count}; nothing was started.");
        return exitCode;
    }
}
