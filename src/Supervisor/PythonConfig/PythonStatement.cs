namespace Supervisor.PythonConfig;

/// <summary>One top-level statement of a Python config file, as far as it could be read.</summary>
/// <param name="Line">The line it starts on, from 1.</param>
/// <param name="Name">The name assigned, or a function's name; null for another statement.</param>
/// <param name="Value">The value when it could be evaluated: long, double, string, bool, null (None), <see cref="CpuCount"/>, lists and dictionaries of those.</param>
/// <param name="Problem">Why the value could not be evaluated; null when it was.</param>
/// <param name="Text">The statement's first line as written, for messages.</param>
internal sealed record PythonStatement(int Line, string? Name, object? Value, string? Problem, string Text, bool IsFunction = false);
