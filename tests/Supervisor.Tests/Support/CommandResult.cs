namespace Supervisor.Tests.Support;

public sealed record CommandResult(int ExitCode, string Output, string Error);
