namespace Supervisor.Configuration.Values;

/// <summary>Where a setting's value came from, so a problem can point the user at it.</summary>
internal sealed record ValueOrigin(ValueSource Source, string Name, int Line = 0, int Column = 0)
{
    /// <summary>The variable that holds flags in one line, like GUNICORN_CMD_ARGS.</summary>
    public const string CommandArgsVariableName = "SUPERVISOR_CMD_ARGS";

    public static readonly ValueOrigin Default = new(ValueSource.Default, "default");

    public static ValueOrigin File(string path, int line, int column) => new(ValueSource.File, path, line, column);

    public static ValueOrigin Environment(string variable) => new(ValueSource.Environment, variable);

    public static ValueOrigin CommandArgsVariable(string flag) => new(ValueSource.CommandArgsVariable, flag);

    public static ValueOrigin CommandLine(string flag) => new(ValueSource.CommandLine, flag);

    /// <summary>The folder relative paths resolve against: the config file's folder, else the working directory.</summary>
    public string BaseDirectory => Source == ValueSource.File
        ? System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Name)) ?? System.Environment.CurrentDirectory
        : System.Environment.CurrentDirectory;

    public override string ToString() => Source switch
    {
        ValueSource.File when Line > 0 => $"{Name}:{Line}:{Column}",
        ValueSource.File => Name,
        ValueSource.Environment => $"environment variable {Name}",
        ValueSource.CommandArgsVariable => $"{CommandArgsVariableName} ({Name})",
        ValueSource.CommandLine => $"command line ({Name})",
        _ => "default",
    };
}
