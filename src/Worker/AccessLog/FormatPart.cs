namespace Supervisor.Worker.AccessLog;

/// <summary>One compiled piece of an access log format.</summary>
/// <param name="Text">The literal text; for a header atom its lower-case name; for an environment atom its name.</param>
/// <param name="Value">For an environment atom, its value when the format was compiled (null when unset).</param>
internal readonly record struct FormatPart(Atom Atom, string Text = "", string? Value = null);
