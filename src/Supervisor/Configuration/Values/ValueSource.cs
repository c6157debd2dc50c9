namespace Supervisor.Configuration.Values;

/// <summary>The configuration layers, lowest precedence first.</summary>
internal enum ValueSource
{
    Default,
    Environment,
    File,
    CommandArgsVariable,
    CommandLine,
}
