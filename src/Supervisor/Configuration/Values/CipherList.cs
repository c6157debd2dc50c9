namespace Supervisor.Configuration.Values;

/// <summary>An OpenSSL cipher string as the user wrote it, and the IANA numbers of the suites it selects.</summary>
internal sealed record CipherList(string Text, IReadOnlyList<int> Suites);
