using Supervisor.Worker.Protocol;

namespace Supervisor.Worker.Logging;

/// <summary>Where and how a process sends its log lines to syslog.</summary>
/// <param name="Facility">The facility's code (see <see cref="SyslogFacility"/>).</param>
/// <param name="AppName">RFC 5424's APP-NAME: syslog_prefix, or "supervisor".</param>
/// <param name="Access">Access log lines go to syslog too (Gunicorn's default; disable_redirect_access_to_syslog turns it off).</param>
internal sealed record SyslogSettings(LogAddress Address, int Facility, string AppName, bool Access)
{
    public const string DefaultAppName = "supervisor";

    /// <summary>What the contract says of syslog; null when syslog is off.</summary>
    public static SyslogSettings? From(WorkerContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return contract.Syslog && LogAddress.ParseSyslog(contract.SyslogAddr, out _) is { } address
            ? new SyslogSettings(
                address,
                SyslogFacility.Code(contract.SyslogFacility) ?? 1,
                contract.SyslogPrefix.Length > 0 ? contract.SyslogPrefix : DefaultAppName,
                !contract.DisableRedirectAccessToSyslog)
            : null;
    }
}
