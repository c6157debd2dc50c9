using Supervisor.Configuration.Values;

namespace Supervisor.Configuration.Catalogue;

/// <summary>The master's own HTTP endpoint: health, readiness, metrics and status.</summary>
internal static partial class Settings
{
    public static readonly Setting<BindAddress?> ControlBind = new()
    {
        Key = "control_bind",
        Section = ControlSection,
        Ours = true,
        Type = "HOST:PORT",
        DefaultNote = "off",
        Help = "Serve /healthz, /readyz, /metrics and /status from the master on this address. Unset: off.",
        Flag = "--control-bind",
        HelpName = "ADDRESS",
        Parse = ReadControlBind,
        Printer = address => address?.ToString() ?? "",
    };

    public static readonly Setting<bool> ControlAllowRemote = new()
    {
        Key = "control_allow_remote",
        Section = ControlSection,
        Ours = true,
        Type = "boolean",
        Default = false,
        Help = "Allow control_bind on an address other than loopback (the endpoint has no authentication).",
        Flag = "--control-allow-remote",
        HelpName = "true|false",
        Parse = value => value.Bool(),
    };

    private static BindAddress? ReadControlBind(ValueReader value)
    {
        if (value.Raw.Value is "")
        {
            return null;
        }

        if (value.Raw.Value is string text && BindAddress.TryParse(text.Trim(), value.Raw.Origin.BaseDirectory, out _) is { Kind: BindKind.Tcp } address)
        {
            return address;
        }

        value.Invalid("a TCP address HOST:PORT, such as 127.0.0.1:9100");
        return null;
    }
}
