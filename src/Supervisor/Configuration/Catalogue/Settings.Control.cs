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
        Help = "Allow control_bind on an address other than loopback; control_token_file is then required.",
        Flag = "--control-allow-remote",
        HelpName = "true|false",
        Parse = value => value.Bool(),
    };

    public static readonly Setting<string?> ControlTokenFile = new()
    {
        Key = "control_token_file",
        Section = ControlSection,
        Ours = true,
        Type = "file path",
        Help = "A file holding a token that the control endpoint then requires (Authorization: Bearer TOKEN) for /metrics and /status; /healthz and /readyz stay open. Required with control_allow_remote = true.",
        Flag = "--control-token-file",
        HelpName = "FILE",
        Parse = value => value.Path(),
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
