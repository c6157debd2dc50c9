namespace Supervisor.Host;

/// <summary>
/// What the master made of a reload (HUP), as it writes it next to its pidfile for 'supervisor reload' to read:
/// the master's pid, how many reloads it has handled, whether it took the configuration, and why not.
/// </summary>
internal sealed record ReloadOutcome(int Pid, long Sequence, bool Accepted, IReadOnlyList<string> Reasons)
{
    private const string AcceptedWord = "accepted";
    private const string RefusedWord = "refused";

    /// <summary>The file beside the pidfile: <c>PIDFILE.reload</c>.</summary>
    public static string PathFor(string pidFile) => pidFile + ".reload";

    /// <summary>First line "PID SEQUENCE accepted|refused", then one reason per line.</summary>
    public string Render() =>
        string.Join('\n', [$"{Pid} {Sequence} {(Accepted ? AcceptedWord : RefusedWord)}", .. Reasons.Select(r => r.ReplaceLineEndings(" "))]) + "\n";

    /// <summary>The outcome a file holds; null when it is missing or not one (written by something else).</summary>
    public static ReloadOutcome? Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var head = lines.FirstOrDefault()?.Split(' ');
        if (head is not [var pid, var sequence, AcceptedWord or RefusedWord]
            || !int.TryParse(pid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsedPid)
            || !long.TryParse(sequence, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsedSequence))
        {
            return null;
        }

        return new ReloadOutcome(parsedPid, parsedSequence, head[2] == AcceptedWord, lines[1..]);
    }
}
