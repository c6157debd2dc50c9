using System.Globalization;

namespace Supervisor.Worker.Protocol;

/// <summary>Reads one contract variable with a message that names it: required, a bounded number, seconds, a flag, one of a set.</summary>
internal static class ContractReading
{
    internal static string Required(Func<string, string?> variable, string name) =>
        variable(name) is { Length: > 0 } value
            ? value
            : throw new WorkerContractException($"{name} is not set; a supervised worker ({ContractVariables.ListenFds} is set) needs it.");

    internal static long Number(Func<string, string?> variable, string name, long? fallback, long min, long max)
    {
        var text = variable(name);
        if (string.IsNullOrEmpty(text))
        {
            return fallback ?? throw new WorkerContractException(
                $"{name} is not set; a supervised worker ({ContractVariables.ListenFds} is set) needs it.");
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new WorkerContractException($"{name} must be a whole number from {min} to {max}, but is \"{text}\".");
        }

        return value;
    }

    internal static TimeSpan Seconds(Func<string, string?> variable, string name, TimeSpan fallback) =>
        TimeSpan.FromSeconds(Number(variable, name, (long)fallback.TotalSeconds, 0, int.MaxValue / 1000));

    internal static bool Flag(Func<string, string?> variable, string name) => variable(name) switch
    {
        null or "" or "false" => false,
        "true" => true,
        var text => throw new WorkerContractException($"{name} must be true or false, but is \"{text}\"."),
    };

    internal static string OneOf(Func<string, string?> variable, string name, string fallback, string[] allowed)
    {
        var text = variable(name);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        var value = text.ToLowerInvariant();
        return allowed.Contains(value)
            ? value
            : throw new WorkerContractException($"{name} must be one of {string.Join(", ", allowed)}, but is \"{text}\".");
    }
}
