using System.CommandLine;
using Supervisor.PythonConfig;

namespace Supervisor.Commands;

/// <summary><c>supervisor convert</c>: writes the gunicorn.toml equivalent of a Gunicorn config file.</summary>
internal static class ConvertCommand
{
    public const string DefaultSource = "gunicorn.conf.py";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var source = new Argument<string>("FILE")
        {
            Description = $"The Gunicorn config file (Python) to read. [default: ./{DefaultSource}]",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => DefaultSource,
        };
        var target = new Option<string?>("--output", "-o")
        {
            Description = "Write the TOML to this file, which must not exist yet. [default: stdout]",
            HelpName = "FILE",
        };
        var command = new Command("convert",
            "Read a Gunicorn config file's settings (plain assignments) and write the equivalent gunicorn.toml, listing every line it cannot carry over (hooks written in Python, settings with no meaning here) with its line number.");
        command.Arguments.Add(source);
        command.Options.Add(target);
        command.SetAction(result => Run(result.GetValue(source)!, result.GetValue(target), output, error));
        return command;
    }

    private static int Run(string source, string? target, TextWriter output, TextWriter error)
    {
        string text;
        try
        {
            text = File.ReadAllText(source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(e is FileNotFoundException or DirectoryNotFoundException
                ? $"Error: {source} not found; name the Gunicorn config file, as in 'supervisor convert gunicorn.conf.py'."
                : $"Error: cannot read {source}: {e.Message}");
            return 1;
        }

        var conversion = GunicornConfigConverter.Convert(text, source);
        if (target is null)
        {
            output.Write(conversion.Toml);
        }
        else
        {
            try
            {
                using var file = new FileStream(target, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                });
                using var writer = new StreamWriter(file);
                writer.Write(conversion.Toml);
            }
            catch (IOException) when (File.Exists(target) || Directory.Exists(target))
            {
                error.WriteLine($"Error: {target} exists; remove it or name another file with -o. Nothing was written.");
                return 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"Error: cannot write {target}: {e.Message}. Nothing was written.");
                return 1;
            }
        }

        foreach (var line in conversion.NotCarried)
        {
            error.WriteLine(line);
        }

        var settings = conversion.Carried == 1 ? "1 setting" : $"{conversion.Carried} settings";
        var lines = conversion.NotCarried.Count == 1 ? "1 line was" : $"{conversion.NotCarried.Count} lines were";
        error.WriteLine($"Carried over {settings} from {source}; {lines} not (listed above). Set app, then run 'supervisor check{(target is null ? "" : $" -c {target}")}'.");
        return 0;
    }
}
