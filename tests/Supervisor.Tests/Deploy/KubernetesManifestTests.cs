using System.Globalization;
using System.Text.RegularExpressions;
using Supervisor.Tests.Deploy.Support;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Deploy;

/// <summary>
/// deploy/kubernetes agrees with gunicorn.toml as the supervisor reads it (with the manifest's own
/// SUPERVISOR_CMD_ARGS): the ports, the probes on the control endpoint, and a grace period that lets
/// workers drain.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly Lazy<Dictionary<string, object>> Manifests = new(() =>
        Directory.GetFiles(Repository.File("deploy/kubernetes"), "*.yaml")
            .SelectMany(file => SimpleYaml.ParseDocuments(File.ReadAllText(file)))
            .ToDictionary(document => SimpleYaml.Text(document, "kind")));

    private static object Deployment => Manifests.Value["Deployment"];

    private static object Container => SimpleYaml.At(Deployment, "spec", "template", "spec", "containers", 0);

    private static string CommandArgs => SimpleYaml.Text(((List<object>)SimpleYaml.At(Container, "env"))
        .Single(e => SimpleYaml.Text(e, "name") == "SUPERVISOR_CMD_ARGS"), "value");

    /// <summary>The settings <c>supervisor check --print</c> shows for gunicorn.toml in the pod's environment.</summary>
    private static async Task<Dictionary<string, string>> EffectiveSettingsAsync()
    {
        using var directory = MachineFiles.ShippedConfiguration();
        var result = await SupervisorExecutable.RunAsync(directory.Path, ["check", "-c", "gunicorn.toml", "--print"],
            new Dictionary<string, string> { ["SUPERVISOR_CMD_ARGS"] = CommandArgs });
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output.Split('\n').Select(l => SettingLine().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    private static int Port(string address) => int.Parse(address[(address.LastIndexOf(':') + 1)..].TrimEnd('"', ']'), CultureInfo.InvariantCulture);

    /// <summary>A container port by name, as probes and the Service refer to it.</summary>
    private static int ContainerPort(string name) => SimpleYaml.Number(((List<object>)SimpleYaml.At(Container, "ports"))
        .Single(p => SimpleYaml.Text(p, "name") == name), "containerPort");

    private static Dictionary<string, object> PodLabels => (Dictionary<string, object>)SimpleYaml.At(Deployment, "spec", "template", "metadata", "labels");

    [Fact]
    public void HasADeploymentServiceDisruptionBudgetAndAutoscaler() =>
        Assert.Equal(["Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Service"], Manifests.Value.Keys.Order());

    [Fact]
    public async Task TheAppPortIsTheBindPortOnEveryInterface()
    {
        var bind = (await EffectiveSettingsAsync())["bind"];

        Assert.Equal("[\"0.0.0.0:8000\"]", bind);
        Assert.Equal(Port(bind), ContainerPort("http"));
    }

    [Fact]
    public async Task TheControlEndpointListensWhereTheProbesLook()
    {
        var settings = await EffectiveSettingsAsync();

        Assert.Equal("\"0.0.0.0:9100\"", settings["control_bind"]);
        Assert.Equal("true", settings["control_allow_remote"]);
        Assert.Equal(Port(settings["control_bind"]), ContainerPort("control"));
        Assert.Equal("9100", SimpleYaml.Text(Deployment, "spec", "template", "metadata", "annotations", "prometheus.io/port"));
    }

    [Fact]
    public void ReadinessIsReadyzAndLivenessIsHealthzOnTheControlPort()
    {
        Assert.Equal("/readyz", SimpleYaml.Text(Container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("control", SimpleYaml.Text(Container, "readinessProbe", "httpGet", "port"));
        Assert.Equal("/healthz", SimpleYaml.Text(Container, "livenessProbe", "httpGet", "path"));
        Assert.Equal("control", SimpleYaml.Text(Container, "livenessProbe", "httpGet", "port"));
    }

    [Fact]
    public async Task TheGracePeriodCoversThePreStopPauseAndTheGracefulTimeout()
    {
        var gracefulTimeout = int.Parse((await EffectiveSettingsAsync())["graceful_timeout"], CultureInfo.InvariantCulture);
        var preStop = SimpleYaml.Number(Container, "lifecycle", "preStop", "sleep", "seconds");
        var grace = SimpleYaml.Number(Deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");

        Assert.Equal(30, gracefulTimeout);
        Assert.InRange(preStop, 1, 30);
        Assert.True(grace > preStop + gracefulTimeout, $"terminationGracePeriodSeconds {grace} must exceed the preStop pause ({preStop}) plus graceful_timeout ({gracefulTimeout}).");
    }

    [Fact]
    public void TheServiceSendsTrafficToTheAppPortOnly()
    {
        var service = Manifests.Value["Service"];
        var ports = (List<object>)SimpleYaml.At(service, "spec", "ports");

        Assert.Equal(PodLabels, SimpleYaml.At(service, "spec", "selector"));
        Assert.Equal(["http"], ports.Select(p => SimpleYaml.Text(p, "targetPort")));
        Assert.Equal(8000, ContainerPort("http"));
    }

    [Fact]
    public void TheBudgetAndTheAutoscalerTargetTheDeployment()
    {
        var budget = Manifests.Value["PodDisruptionBudget"];
        var autoscaler = Manifests.Value["HorizontalPodAutoscaler"];
        var replicas = SimpleYaml.Number(Deployment, "spec", "replicas");
        var minReplicas = SimpleYaml.Number(autoscaler, "spec", "minReplicas");

        Assert.Equal(PodLabels, SimpleYaml.At(Deployment, "spec", "selector", "matchLabels"));
        Assert.Equal(PodLabels, SimpleYaml.At(budget, "spec", "selector", "matchLabels"));
        Assert.Equal(("Deployment", SimpleYaml.Text(Deployment, "metadata", "name")),
            (SimpleYaml.Text(autoscaler, "spec", "scaleTargetRef", "kind"), SimpleYaml.Text(autoscaler, "spec", "scaleTargetRef", "name")));
        Assert.InRange(replicas, minReplicas, SimpleYaml.Number(autoscaler, "spec", "maxReplicas"));

        // Otherwise a node drain could never evict a pod, or could take the service down.
        Assert.InRange(SimpleYaml.Number(budget, "spec", "maxUnavailable"), 1, minReplicas - 1);
    }

    [GeneratedRegex(@"^([a-z_]+) = (.+)$")]
    private static partial Regex SettingLine();
}
