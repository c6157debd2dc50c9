using Supervisor.Worker.Protocol;

namespace Supervisor.Configuration.Catalogue;

/// <summary>Gunicorn's limits on the size of a request's head, enforced by each worker.</summary>
internal static partial class Settings
{
    private static readonly WholeNumber RequestLineRange = new(0, 8190, Note: "0 means unlimited");
    private static readonly WholeNumber RequestFieldsRange = new(1, WorkerContract.MaxRequestFields);
    private static readonly WholeNumber FieldSizeRange = new(0, int.MaxValue, Note: "0 means unlimited");

    public static readonly Setting<int> LimitRequestLine = new()
    {
        Key = "limit_request_line",
        Section = LimitsSection,
        Type = RequestLineRange.Type,
        Default = 4094L,
        Help = "Maximum size in bytes of the HTTP request line. 0 means unlimited.",
        Flag = "--limit-request-line",
        HelpName = "BYTES",
        Parse = value => value.Int(RequestLineRange),
        Worker = (contract, bytes) => contract with { LimitRequestLine = bytes },
    };

    public static readonly Setting<int> LimitRequestFields = new()
    {
        Key = "limit_request_fields",
        Section = LimitsSection,
        Type = RequestFieldsRange.Type,
        Default = 100L,
        Help = "Maximum number of HTTP header fields in a request.",
        Flag = "--limit-request-fields",
        HelpName = "INT",
        Parse = value => value.Int(RequestFieldsRange),
        Worker = (contract, count) => contract with { LimitRequestFields = count },
    };

    public static readonly Setting<int> LimitRequestFieldSize = new()
    {
        Key = "limit_request_field_size",
        Section = LimitsSection,
        Type = FieldSizeRange.Type,
        Default = 8190L,
        Help = "Maximum size in bytes of one HTTP header field. 0 means unlimited.",
        Flag = "--limit-request-field_size",
        HelpName = "BYTES",
        Parse = value => value.Int(FieldSizeRange),
        Worker = (contract, bytes) => contract with { LimitRequestFieldSize = bytes },
    };
}
