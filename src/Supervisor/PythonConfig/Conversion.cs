namespace Supervisor.PythonConfig;

/// <summary>What convert made of a Gunicorn config file.</summary>
/// <param name="Toml">The gunicorn.toml text.</param>
/// <param name="Carried">How many settings it carries over.</param>
/// <param name="NotCarried">One line per statement it could not carry over, with its line number and why.</param>
internal sealed record Conversion(string Toml, int Carried, IReadOnlyList<string> NotCarried);
