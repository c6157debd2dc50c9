using System.Globalization;

namespace Supervisor.Worker.Protocol;

/// <summary>
/// The TLS part of a worker's contract: which files to load and what to ask of clients. The worker loads the files
/// itself as it starts, so a reload (new workers) serves a renewed certificate.
/// </summary>
internal sealed record TlsContract
{
    private static readonly string[] MinVersions = ["1.2", "1.3"];

    /// <summary>Absolute path of the PEM certificate, followed by its chain if any.</summary>
    public required string CertFile { get; init; }

    /// <summary>Null: the private key is in <see cref="CertFile"/>.</summary>
    public string? KeyFile { get; init; }

    /// <summary>Null: client certificates are checked against the system's trust store.</summary>
    public string? CaCerts { get; init; }

    /// <summary>0: none asked for; 1: optional, checked when given; 2: required.</summary>
    public int CertReqs { get; init; }

    /// <summary>"1.2" or "1.3"; null: what the system allows.</summary>
    public string? MinVersion { get; init; }

    /// <summary>IANA numbers of the cipher suites to offer, in order; empty: the system's.</summary>
    public IReadOnlyList<int> Ciphers { get; init; } = [];

    /// <summary>Null when the master set no certificate: the listeners speak cleartext.</summary>
    public static TlsContract? Parse(Func<string, string?> variable)
    {
        if (variable(ContractVariables.CertFile) is not { Length: > 0 } certFile)
        {
            return null;
        }

        var minVersion = variable(ContractVariables.TlsMinVersion) is { Length: > 0 } version ? version : null;
        if (minVersion is not null && !MinVersions.Contains(minVersion))
        {
            throw new WorkerContractException($"{ContractVariables.TlsMinVersion} must be one of {string.Join(", ", MinVersions)}, but is \"{minVersion}\".");
        }

        return new TlsContract
        {
            CertFile = certFile,
            KeyFile = variable(ContractVariables.KeyFile) is { Length: > 0 } keyFile ? keyFile : null,
            CaCerts = variable(ContractVariables.CaCerts) is { Length: > 0 } caCerts ? caCerts : null,
            CertReqs = (int)ContractReading.Number(variable, ContractVariables.CertReqs, 0, 0, 2),
            MinVersion = minVersion,
            Ciphers = ParseCiphers(variable(ContractVariables.Ciphers)),
        };
    }

    /// <summary>Adds the variables <see cref="Parse"/> reads back; an unset part is not written.</summary>
    public void AddTo(Dictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment[ContractVariables.CertFile] = CertFile;
        environment[ContractVariables.CertReqs] = CertReqs.ToString(CultureInfo.InvariantCulture);
        if (KeyFile is not null)
        {
            environment[ContractVariables.KeyFile] = KeyFile;
        }

        if (CaCerts is not null)
        {
            environment[ContractVariables.CaCerts] = CaCerts;
        }

        if (MinVersion is not null)
        {
            environment[ContractVariables.TlsMinVersion] = MinVersion;
        }

        if (Ciphers.Count > 0)
        {
            environment[ContractVariables.Ciphers] = string.Join(',', Ciphers.Select(c => c.ToString(CultureInfo.InvariantCulture)));
        }
    }

    public bool Equals(TlsContract? other) =>
        other is not null && CertFile == other.CertFile && KeyFile == other.KeyFile && CaCerts == other.CaCerts
        && CertReqs == other.CertReqs && MinVersion == other.MinVersion && Ciphers.SequenceEqual(other.Ciphers);

    public override int GetHashCode() => HashCode.Combine(CertFile, KeyFile, CaCerts, CertReqs, MinVersion, Ciphers.Count);

    private static int[] ParseCiphers(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var parts = text.Split(',');
        var ids = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            // A cipher suite's IANA number is two bytes.
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ids[i]) || ids[i] > ushort.MaxValue)
            {
                throw new WorkerContractException(
                    $"{ContractVariables.Ciphers} must list cipher suite numbers (0 to 65535) separated by commas, but is \"{text}\".");
            }
        }

        return ids;
    }
}
