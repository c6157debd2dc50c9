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
