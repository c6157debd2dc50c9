using Integration.Support;

namespace Integration;

/// <summary>An app started by a wrapper script that does not exec it: refused with what to change.</summary>
public sealed class WrappedAppTests
{
    [Fact]
    public async Task AWrapperThatDoesNotExecTheAppIsAFailedBootThatSaysSo()
    {
        var folder = Directory.CreateTempSubdirectory("supervisor-wrapper-").FullName;
        var script = Path.Combine(folder, "start.sh");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\n{Binaries.SampleApp}\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            await using var master = MasterRun.Start($"app = \"{script}\"\nbind = \"127.0.0.1:{FreePort.Next()}\"\nworkers = 1\n");

            var line = await master.WaitForLineAsync(@"Worker failed to boot: the app is not the process the master started", TimeSpan.FromSeconds(60));
            var shell = master.WorkerPids[0];
            Assert.Matches($@"\[ERROR\] Worker failed to boot: the app is not the process the master started \(pid {shell} reports as pid (\d+)\); make the app command exec the app \(exec dotnet app\.dll in a wrapper script\)$", line);
            var app = int.Parse(System.Text.RegularExpressions.Regex.Match(line, @"reports as pid (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

            // The wrapper is killed, and the app, its child, follows it out.
            await Wait.UntilAsync(() => !ProcessProbe.IsAlive(shell) && !ProcessProbe.IsAlive(app), TimeSpan.FromSeconds(10), $"pids {shell} and {app} to exit:\n{master.Output}");
            await master.WaitForLineAsync($@"Worker \(pid:{shell}\) failed to boot");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
