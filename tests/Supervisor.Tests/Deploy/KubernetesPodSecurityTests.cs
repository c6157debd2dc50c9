using System.Text.RegularExpressions;
using Supervisor.Tests.Deploy.Support;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Deploy;

/// <summary>
/// The pod of deploy/kubernetes runs the image as the Dockerfile builds it: every path it names exists there,
/// and it runs locked down (non-root by number, read-only root filesystem, no privilege, no capability) with
/// every folder the image writes mounted writable.
/// </summary>
public sealed partial class KubernetesPodSecurityTests
{
    private static readonly ImageLayout Image = ImageLayout.Read(Repository.File("Dockerfile"));

    private static string Dockerfile => File.ReadAllText(Repository.File("Dockerfile"));

    /// <summary>gunicorn.toml's folder in the image: the toml's relative paths start there.</summary>
    private const string AppRoot = "/app";

    private static string Setting(string key) =>
        Regex.Match(Manifests.Single<k8s.Models.V1ConfigMap>().Data["gunicorn.toml"], $@"(?m)^{key} = \[?""([^""]+)""").Groups[1].Value;

    [Fact]
    public void EveryPathTheManifestsNameExistsInTheImage()
    {
        var paths = Manifests.Container.VolumeMounts.Select(m => m.MountPath)
            .Concat((Manifests.Container.Command ?? []).Concat(Manifests.Container.Args ?? []).Where(a => a.StartsWith('/')))
            .Concat((Manifests.Container.Env ?? []).Select(e => e.Value).Where(v => v is not null && v.StartsWith('/')))
            .ToList();

        Assert.NotEmpty(paths);
        // A file in a mounted volume (the token of secret.yaml) comes with the volume; its folder must be in the image.
        var mounts = Manifests.Container.VolumeMounts.Where(m => m.SubPath is null).Select(m => m.MountPath + "/").ToList();
        Assert.All(paths, path => Assert.True(Image.Has(path) || mounts.Any(m => path.StartsWith(m, StringComparison.Ordinal)),
            $"{path} is named by the manifests but the Dockerfile does not create it"));
    }

    [Fact]
    public void TheConfigMapReplacesTheFileTheEntrypointReads()
    {
        var entrypoint = File.ReadAllText(Repository.File("entrypoint.sh"));
        var config = Regex.Match(entrypoint, @"(?m)^SUPERVISOR_CONFIG=\$\{SUPERVISOR_CONFIG:-\$APP_ROOT(/[^}]+)\}").Groups[1].Value;
        var mount = Manifests.Container.VolumeMounts.Single(m => m.Name == "config");

        Assert.Equal(AppRoot + config, mount.MountPath);
        Assert.Equal("gunicorn.toml", mount.SubPath);
        Assert.True(mount.ReadOnlyProperty);
        Assert.Equal(Manifests.Single<k8s.Models.V1ConfigMap>().Metadata.Name, Manifests.VolumeAt(mount.MountPath).ConfigMap.Name);
    }

    [Fact]
    public void TheAppTheConfigMapNamesIsTheOneTheImagePublishes()
    {
        var app = AppRoot + "/" + Setting("app");
        var folder = Path.GetDirectoryName(app)!;

        Assert.Equal("/app/out/app/SampleApp", app);
        Assert.True(Image.CopiedFromEarlierStage.TryGetValue(folder, out var built), $"the image has no {folder}");
        Assert.Contains(Image.Earlier, i => i.Contains($"dotnet publish src/{Path.GetFileName(app)}/{Path.GetFileName(app)}.csproj", StringComparison.Ordinal) && i.Contains($"-o {built} ", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRootFilesystemIsReadOnlyAndEveryFolderTheImageWritesIsAWritableVolume()
    {
        var staticRoot = Regex.Match(Dockerfile, @"ENV STATIC_ROOT=(\S+)").Groups[1].Value;
        var pidfileFolder = Path.GetDirectoryName(AppRoot + "/" + Setting("pidfile"))!;

        Assert.True(Manifests.Container.SecurityContext.ReadOnlyRootFilesystem);
        foreach (var folder in new[] { staticRoot, pidfileFolder, "/tmp" })
        {
            var mount = Manifests.Container.VolumeMounts.SingleOrDefault(m => m.MountPath == folder);
            Assert.True(mount is not null, $"{folder} is written by the pod but no volume is mounted there");
            Assert.NotEqual(true, mount.ReadOnlyProperty);
            Assert.NotNull(Manifests.VolumeAt(folder).EmptyDir);
        }
    }

    [Fact]
    public void ThePodRunsAsTheImagesNumericUserWithoutPrivilegeOrCapabilities()
    {
        var pod = Manifests.Pod.SecurityContext;
        var container = Manifests.Container.SecurityContext;

        // The image runs as $APP_UID, which the .NET images set to 1654 (their user app).
        Assert.Contains("\nUSER $APP_UID\n", Dockerfile, StringComparison.Ordinal);
        Assert.True(pod.RunAsNonRoot);
        Assert.Equal((1654L, 1654L), (pod.RunAsUser, pod.RunAsGroup));
        Assert.Equal("RuntimeDefault", pod.SeccompProfile.Type);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
        Assert.Null(container.Capabilities.Add);
        Assert.NotEqual(true, container.Privileged);
    }
}
