using System.Text.Json;

namespace SampleApp.Tests.Hosting;

/// <summary>
/// The web SDK turns server GC on unless the project turns it off by its exact property name; a worker is one
/// of several processes, and boots and recycles faster on workstation GC.
/// </summary>
public sealed class GarbageCollectorSettingsTests
{
    [Theory]
    [InlineData("System.GC.Server")]
    [InlineData("System.GC.Concurrent")]
    public void TheAppRunsOnWorkstationGcWithoutBackgroundCollection(string setting)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "SampleApp.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty(setting, out var value), $"{path} does not set {setting}");
        Assert.Equal(JsonValueKind.False, value.ValueKind);
    }
}
