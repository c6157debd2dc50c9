using System.Diagnostics;

namespace Supervisor.Tests.Support;

/// <summary>Files with the properties the start-up checks look at: executable, or not writable even by root.</summary>
public static class MachineFiles
{
    public static string Executable(TempDirectory directory, string name, string content = "#!/bin/sh\nexit 0\n")
    {
        var path = directory.Write(name, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>
    /// A folder with the shipped gunicorn.toml and a stand-in for the app it names, as run.sh and the image lay them
    /// out before running it: check looks for the app and the pidfile's folder.
    /// </summary>
    public static TempDirectory ShippedConfiguration()
    {
        var directory = new TempDirectory();
        File.Copy(Repository.File("gunicorn.toml"), directory.Combine("gunicorn.toml"));
        Directory.CreateDirectory(directory.Combine("out/app"));
        Directory.CreateDirectory(directory.Combine("out/run"));
        Executable(directory, "out/app/SampleApp");
        return directory;
    }

    /// <summary>
    /// A file this process cannot write: read-only, and immutable when the tests run as root (whom modes do not
    /// stop). Dispose makes it removable again.
    /// </summary>
    public static IDisposable Unwritable(string path)
    {
        File.WriteAllText(path, "");
        File.SetUnixFileMode(path, UnixFileMode.UserRead);
        var root = Environment.UserName == "root";
        if (root)
        {
            Chattr("+i", path);
        }

        return new Undo(() =>
        {
            if (root)
            {
                Chattr("-i", path);
            }
        });
    }

    private static void Chattr(string change, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [change, path]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chattr {change} {path}: {error}");
    }

    private sealed class Undo(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
