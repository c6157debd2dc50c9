using System.Reflection;
using Supervisor.Tests.Support;
using Supervisor.Worker.Protocol;

namespace Supervisor.Tests.Protocol;

/// <summary>docs/protocol.md is the contract a worker written in another language would follow: it has every variable.</summary>
public sealed class ProtocolDocumentTests
{
    [Fact]
    public void EveryContractVariableHasItsRowInProtocolMd()
    {
        var rows = File.ReadAllLines(Repository.File("docs/protocol.md")).Where(l => l.StartsWith("| `SUPERVISOR_", StringComparison.Ordinal)).ToList();
        var variables = typeof(ContractVariables).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(ContractVariables.Prefix))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.NotEmpty(variables);
        var missing = variables.Where(v => !rows.Any(r => r.StartsWith($"| `{v}` |", StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"docs/protocol.md has no row for: {string.Join(", ", missing)}");
    }
}
