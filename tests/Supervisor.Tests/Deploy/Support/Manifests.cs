using k8s;
using k8s.Models;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Deploy.Support;

/// <summary>
/// deploy/kubernetes read into the official models (the KubernetesClient package), strictly: a field the
/// models do not have, misspelt or misplaced, fails the reading as the API server would refuse it.
/// </summary>
internal static class Manifests
{
    private static readonly Lazy<IReadOnlyList<object>> All = new(() =>
        Files.SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(file), typeMap: null, strict: true)).ToList());

    public static IEnumerable<string> Files => Directory.GetFiles(Repository.File("deploy/kubernetes"), "*.yaml").Order(StringComparer.Ordinal);

    public static IReadOnlyList<object> Objects => All.Value;

    public static T Single<T>() => Objects.OfType<T>().Single();

    public static V1Deployment Deployment => Single<V1Deployment>();

    public static V1PodSpec Pod => Deployment.Spec.Template.Spec;

    public static V1Container Container => Pod.Containers.Single();

    public static IDictionary<string, string> PodLabels => Deployment.Spec.Template.Metadata.Labels;

    /// <summary>A container port by name, as probes and the Service refer to it.</summary>
    public static int ContainerPort(string name) => Container.Ports.Single(p => p.Name == name).ContainerPort;

    /// <summary>The volume a container path is mounted from.</summary>
    public static V1Volume VolumeAt(string mountPath) =>
        Pod.Volumes.Single(v => v.Name == Container.VolumeMounts.Single(m => m.MountPath == mountPath).Name);
}
