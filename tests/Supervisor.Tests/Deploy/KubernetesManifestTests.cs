using System.Globalization;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Supervisor.Tests.Deploy.Support;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Deploy;

/// <summary>
/// deploy/kubernetes agrees with gunicorn.toml as the supervisor reads it (the ConfigMap's, with the container's
/// args): the ports, the probes on the control endpoint, a grace period that lets workers drain, and the objects
/// that refer to each other.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    /// <summary>The settings <c>supervisor check --print</c> shows for the ConfigMap's gunicorn.toml and the container's args.</summary>
    private static async Task<Dictionary<string, string>> EffectiveSettingsAsync()
    {
        using var directory = MachineFiles.ShippedConfiguration();
        await File.WriteAllTextAsync(directory.Combine("gunicorn.toml"), Manifests.Single<V1ConfigMap>().Data["gunicorn.toml"]);
        var result = await SupervisorExecutable.RunAsync(directory.Path, ["check", "-c", "gunicorn.toml", "--print", .. Manifests.Container.Args]);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output.Split('\n').Select(l => SettingLine().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    private static int Port(string address) => int.Parse(address[(address.LastIndexOf(':') + 1)..].TrimEnd('"', ']'), CultureInfo.InvariantCulture);

    [Fact]
    public void EveryManifestReadsStrictlyIntoTheOfficialModels()
    {
        Assert.Equal(["V1ConfigMap", "V1Deployment", "V1NetworkPolicy", "V1PodDisruptionBudget", "V1Secret", "V1Secret", "V1Service", "V2HorizontalPodAutoscaler"],
            Manifests.Objects.Select(o => o.GetType().Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StrictReadingRefusesAFieldTheModelsDoNotHave() =>
        Assert.Contains("Property 'replica' not found on type 'k8s.Models.V1DeploymentSpec'",
            Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString("apiVersion: apps/v1\nkind: Deployment\nspec:\n  replica: 3\n", typeMap: null, strict: true)).Message,
            StringComparison.Ordinal);

    [Fact]
    public void TheImagesEntrypointRunsWithTheSupervisorsFlagsAsArgs()
    {
        // A command would replace tini and entrypoint.sh: no migration, no static files, no zombie reaping.
        Assert.Null(Manifests.Container.Command);
        // Flags and their values only; the one path among them is control_token_file's, a value after its flag.
        Assert.StartsWith("--", Manifests.Container.Args[0], StringComparison.Ordinal);
        Assert.All(Manifests.Container.Args.Where((a, i) => i == 0 || Manifests.Container.Args[i - 1] != "--control-token-file"),
            a => Assert.DoesNotContain("/", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAppPortIsTheBindPortOnEveryInterface()
    {
        var bind = (await EffectiveSettingsAsync())["bind"];

        Assert.Equal("[\"0.0.0.0:8000\"]", bind);
        Assert.Equal(Port(bind), Manifests.ContainerPort("http"));
    }

    [Fact]
    public async Task TheControlEndpointListensWhereTheProbesLook()
    {
        var settings = await EffectiveSettingsAsync();

        Assert.Equal("\"0.0.0.0:9100\"", settings["control_bind"]);
        Assert.Equal("true", settings["control_allow_remote"]);
        Assert.Equal("\"/app/secrets/control-token\"", settings["control_token_file"]);
        var token = Manifests.Objects.OfType<V1Secret>().Single(s => s.Metadata.Name == "sample-api-control");
        Assert.Equal(token.Metadata.Name, Manifests.VolumeAt("/app/secrets").Secret.SecretName);
        Assert.Equal(["token"], token.StringData.Keys);
        Assert.Equal(Port(settings["control_bind"]), Manifests.ContainerPort("control"));
        Assert.Equal("9100", Manifests.Deployment.Spec.Template.Metadata.Annotations["prometheus.io/port"]);
    }

    [Fact]
    public void ReadinessIsReadyzAndLivenessIsHealthzOnTheControlPort()
    {
        Assert.Equal(("/readyz", "control"), (Manifests.Container.ReadinessProbe.HttpGet.Path, Manifests.Container.ReadinessProbe.HttpGet.Port.Value));
        Assert.Equal(("/healthz", "control"), (Manifests.Container.LivenessProbe.HttpGet.Path, Manifests.Container.LivenessProbe.HttpGet.Port.Value));
    }

    [Fact]
    public async Task TheGracePeriodCoversThePreStopPauseAndTheGracefulTimeout()
    {
        var gracefulTimeout = int.Parse((await EffectiveSettingsAsync())["graceful_timeout"], CultureInfo.InvariantCulture);
        var preStop = Manifests.Container.Lifecycle.PreStop.Sleep.Seconds;
        var grace = Manifests.Pod.TerminationGracePeriodSeconds;

        Assert.Equal(30, gracefulTimeout);
        Assert.InRange(preStop, 1, 30);
        Assert.True(grace > preStop + gracefulTimeout, $"terminationGracePeriodSeconds {grace} must exceed the preStop pause ({preStop}) plus graceful_timeout ({gracefulTimeout}).");
    }

    [Fact]
    public void TheServiceSendsTrafficToTheAppPortOnly()
    {
        var service = Manifests.Single<V1Service>();

        Assert.Equal(Manifests.PodLabels, service.Spec.Selector);
        Assert.Equal(["http"], service.Spec.Ports.Select(p => p.TargetPort.Value));
        Assert.Equal(8000, Manifests.ContainerPort("http"));
    }

    [Fact]
    public void TheBudgetAndTheAutoscalerTargetTheDeployment()
    {
        var budget = Manifests.Single<V1PodDisruptionBudget>();
        var autoscaler = Manifests.Single<V2HorizontalPodAutoscaler>();
        var replicas = Manifests.Deployment.Spec.Replicas ?? 1;
        var minReplicas = autoscaler.Spec.MinReplicas ?? 1;

        Assert.Equal(Manifests.PodLabels, Manifests.Deployment.Spec.Selector.MatchLabels);
        Assert.Equal(Manifests.PodLabels, budget.Spec.Selector.MatchLabels);
        Assert.Equal(("Deployment", Manifests.Deployment.Metadata.Name), (autoscaler.Spec.ScaleTargetRef.Kind, autoscaler.Spec.ScaleTargetRef.Name));
        Assert.InRange(replicas, minReplicas, autoscaler.Spec.MaxReplicas);

        // Otherwise a node drain could never evict a pod, or could take the service down.
        Assert.InRange(int.Parse(budget.Spec.MaxUnavailable.Value, CultureInfo.InvariantCulture), 1, minReplicas - 1);
    }

    [Fact]
    public void TheDatabaseSettingsComeFromTheSecret()
    {
        var secret = Manifests.Objects.OfType<V1Secret>().Single(s => s.Metadata.Name == "sample-api-database");

        Assert.Equal([secret.Metadata.Name], Manifests.Container.EnvFrom.Select(e => e.SecretRef.Name));
        // What entrypoint.sh requires when DATABASE_URL is not set, and the port it waits on.
        Assert.Equal(["DATABASE_HOST", "DATABASE_NAME", "DATABASE_PASSWORD", "DATABASE_PORT", "DATABASE_USER"], secret.StringData.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheConfigMapShipsTheRepositorysGunicornToml() =>
        Assert.Equal(File.ReadAllText(Repository.File("gunicorn.toml")), Manifests.Single<V1ConfigMap>().Data["gunicorn.toml"]);

    [Fact]
    public void TheNetworkPolicyAdmitsTheAppPortAndTheControlPortFromPrometheusOnly()
    {
        var policy = Manifests.Single<V1NetworkPolicy>();
        var rules = policy.Spec.Ingress.ToDictionary(r => r.Ports.Single().Port.Value);

        Assert.Equal(Manifests.PodLabels, policy.Spec.PodSelector.MatchLabels);
        Assert.Equal(["Ingress"], policy.Spec.PolicyTypes);
        Assert.Equal(["control", "http"], rules.Keys.Order(StringComparer.Ordinal));
        Assert.Null(rules["http"].FromProperty);
        Assert.Equal("prometheus", Assert.Single(rules["control"].FromProperty).PodSelector.MatchLabels["app.kubernetes.io/name"]);
    }

    [GeneratedRegex(@"^([a-z_]+) = (.+)$")]
    private static partial Regex SettingLine();
}
