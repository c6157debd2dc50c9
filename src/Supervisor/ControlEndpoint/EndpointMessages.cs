namespace Supervisor.ControlEndpoint;

/// <summary>What the control endpoint says, to HTTP clients and in the master's log, in one place.</summary>
internal static class EndpointMessages
{
    public const string Ok = "ok";
    public const string Draining = "draining";
    public const string NoWorkerReady = "no worker is ready";
    public const string NotFound = "not found; the control endpoint serves /healthz, /readyz, /metrics and /status";
    public const string MethodNotAllowed = "method not allowed; the control endpoint answers GET only";

    public const string TokenRequired = "a token is required: send Authorization: Bearer TOKEN, with the token of control_token_file";

    /// <summary>Why the master stops before starting any worker: the token it is told to require cannot be had.</summary>
    public static string TokenUnreadable(string path, string reason) =>
        $"Cannot start the control endpoint: cannot read control_token_file {path}: {reason}";

    public const string ListeningAt = "Control endpoint listening at: {Url}";

    public const string WaitingForParent = "The control endpoint at {Address} is still held by the old master; it starts here once that master exits.";

    /// <summary>Why the master stops before starting any worker: the endpoint could not listen.</summary>
    public static string CannotListen(string address, string reason) =>
        $"Cannot start the control endpoint at {address} (control_bind): {reason}";

    public const string AddressInUse = "address already in use";
    public const string AddressNotAvailable = "address not available on this machine";
    public const string PermissionDenied = "permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)";
}
