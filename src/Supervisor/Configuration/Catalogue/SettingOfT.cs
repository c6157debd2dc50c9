using Supervisor.Configuration.Values;
using Supervisor.Worker.Protocol;

namespace Supervisor.Configuration.Catalogue;

/// <summary>A setting whose value, once read, is a <typeparamref name="T"/>.</summary>
internal sealed class Setting<T> : Setting
{
    /// <summary>Reads a raw value into a <typeparamref name="T"/>; a value that is not valid is reported and a stand-in returned.</summary>
    public required Func<ValueReader, T> Parse { get; init; }

    /// <summary>The value when none is given and there is no default.</summary>
    public T Unset { get; init; } = default!;

    /// <summary>The value as TOML; null: the value itself, an enum by its lower-case name, unset as "".</summary>
    public Func<T, object>? Printer { get; init; }

    /// <summary>How the value reaches workers through their contract; null: workers do not need it.</summary>
    public Func<WorkerContract, T, WorkerContract>? Worker { get; init; }

    public override bool IsSwitch => typeof(T) == typeof(bool);

    public override object? Read(SettingReader reader, RawValue? raw)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (raw is null)
        {
            if (Required is not null)
            {
                reader.Problem(null, Required);
            }

            return Unset;
        }

        return Parse(new ValueReader(this, raw, reader));
    }

    public override object Print(object? value) => (value, Printer) switch
    {
        (null, _) => "",
        (T typed, { } printer) => printer(typed),
        (Enum named, null) => named.ToString().ToLowerInvariant(),
        _ => value,
    };

    public override WorkerContract ToWorker(WorkerContract contract, object? value) =>
        Worker is null ? contract : Worker(contract, (T)value!);
}
