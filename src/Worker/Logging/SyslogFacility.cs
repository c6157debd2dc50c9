namespace Supervisor.Worker.Logging;

/// <summary>The syslog facilities by name, with the codes of RFC 5424 section 6.2.1, as Gunicorn names them.</summary>
internal static class SyslogFacility
{
    public const string Default = "user";

    private static readonly Dictionary<string, int> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kern"] = 0, ["user"] = 1, ["mail"] = 2, ["daemon"] = 3, ["auth"] = 4, ["security"] = 4, ["syslog"] = 5,
        ["lpr"] = 6, ["news"] = 7, ["uucp"] = 8, ["cron"] = 9, ["authpriv"] = 10, ["ftp"] = 11,
        ["local0"] = 16, ["local1"] = 17, ["local2"] = 18, ["local3"] = 19,
        ["local4"] = 20, ["local5"] = 21, ["local6"] = 22, ["local7"] = 23,
    };

    public static IEnumerable<string> Names => Codes.Keys;

    /// <summary>The facility's code; null for a name that is not one, in any case.</summary>
    public static int? Code(string name) => Codes.TryGetValue(name, out var code) ? code : null;
}
