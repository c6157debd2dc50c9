using System.Net.Sockets;
using Supervisor.Tests.Support;

namespace Supervisor.Tests.Configuration;

/// <summary>
/// What a configuration asks of the machine, through the built executable: <c>check</c> names every problem with
/// its line, and <c>run</c> refuses the same ones in one line each, before anything is bound.
/// </summary>
public sealed class MachineCheckTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string File(string name) => _directory.Combine(name);

    private async Task<CommandResult> CheckAsync(string toml, IReadOnlyDictionary<string, string>? environment = null)
    {
        _directory.Write("gunicorn.toml", toml);
        return await SupervisorExecutable.RunAsync(_directory.Path, ["check"], environment);
    }

    private async Task<CommandResult> RunAsync(string toml)
    {
        _directory.Write("gunicorn.toml", toml);
        return await SupervisorExecutable.RunAsync(_directory.Path, ["run"]);
    }

    /// <summary>The one problem check reports, with the file and position it points at.</summary>
    private static string SingleProblem(CommandResult result)
    {
        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.TrimEnd('\n').Split('\n');
        Assert.Equal(["The configuration has 1 problem; nothing was started."], lines[1..]);
        return lines[0];
    }

    [Fact]
    public async Task AnAppThatDoesNotExistIsNamedWithItsLine()
    {
        var result = await CheckAsync("workers = 2\napp = \"./missing\"\n");

        Assert.Equal(
            $"Error: gunicorn.toml:2:7: app = \"./missing\" is not valid: {File("missing")} does not exist; build or publish the app there, or correct the path",
            SingleProblem(result));
    }

    [Fact]
    public async Task AnAppThatIsNotExecutableIsNamed()
    {
        _directory.Write("app.dll", "not a program");

        var result = await CheckAsync("app = \"./app.dll\"\n");

        Assert.Equal(
            $"Error: gunicorn.toml:1:7: app = \"./app.dll\" is not valid: {File("app.dll")} is not executable by this user; make it executable (chmod +x), or run it through its runtime, as in [\"dotnet\", \"app.dll\"]",
            SingleProblem(result));
    }

    [Fact]
    public async Task ABareAppNameIsLookedUpOnPath()
    {
        var bin = Directory.CreateDirectory(File("bin")).FullName;
        MachineFiles.Executable(_directory, "bin/myapp");
        // The executable finds its runtime through DOTNET_ROOT when PATH no longer leads to it.
        var dotnetRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var path = new Dictionary<string, string> { ["PATH"] = $"/nonexistent:{bin}", ["DOTNET_ROOT"] = dotnetRoot };

        var found = await CheckAsync("app = \"myapp --port 1\"\n", path);
        var missing = await CheckAsync("app = [\"dotnett\", \"app.dll\"]\n", path);

        Assert.Equal(0, found.ExitCode);
        Assert.Equal(
            $"Error: gunicorn.toml:1:7: app = [\"dotnett\", \"app.dll\"] is not valid: no program named dotnett on PATH (/nonexistent:{bin}); install it, or give its path",
            SingleProblem(missing));
    }

    [Theory]
    [InlineData("errorlog")]
    [InlineData("accesslog")]
    public async Task ALogInAFolderThatDoesNotExistNamesTheFolderAndCreatesNothing(string key)
    {
        MachineFiles.Executable(_directory, "MyApp");

        var checkedResult = await CheckAsync($"app = \"./MyApp\"\n{key} = \"logs/app/{key}.log\"\n");
        var ran = await RunAsync($"app = \"./MyApp\"\nbind = \"127.0.0.1:0\"\n{key} = \"logs/app/{key}.log\"\n");

        var expected = $"{key} = \"logs/app/{key}.log\" is not valid: the folder {File("logs/app")} does not exist; create it, writable by the master's user (uid {Uid()}), or choose another path";
        Assert.Equal($"Error: gunicorn.toml:2:{key.Length + 4}: {expected}", SingleProblem(checkedResult));
        Assert.Equal($"Error: gunicorn.toml:3:{key.Length + 4}: {expected}", SingleProblem(ran));
        Assert.False(Directory.Exists(File("logs")));
    }

    [Fact]
    public async Task ALogFileThatCannotBeWrittenIsRefusedByCheckAndRun()
    {
        MachineFiles.Executable(_directory, "MyApp");
        using var unwritable = MachineFiles.Unwritable(File("error.log"));
        var toml = "app = \"./MyApp\"\nbind = \"127.0.0.1:0\"\nerrorlog = \"error.log\"\n";

        var checkedResult = await CheckAsync(toml);
        var ran = await RunAsync(toml);

        var expected = $"Error: gunicorn.toml:3:12: errorlog = \"error.log\" is not valid: {File("error.log")} exists and is not writable by the master's user (uid {Uid()}); change its owner or mode, or choose another path";
        Assert.Equal(expected, SingleProblem(checkedResult));
        Assert.Equal(expected, SingleProblem(ran));
        Assert.Equal("", ran.Output);
    }

    [Fact]
    public async Task APidfileInAFolderThatDoesNotExistIsNamed()
    {
        MachineFiles.Executable(_directory, "MyApp");

        var result = await CheckAsync("app = \"./MyApp\"\npidfile = \"run/app.pid\"\n");

        Assert.Equal(
            $"Error: gunicorn.toml:2:11: pidfile = \"run/app.pid\" is not valid: the folder {File("run")} does not exist; create it, writable by the master's user (uid {Uid()}), or choose another path",
            SingleProblem(result));
    }

    [Fact]
    public async Task AnInheritedDescriptorMustBeAnOpenSocket()
    {
        MachineFiles.Executable(_directory, "MyApp");

        // 0 is the child's stdin (a pipe); 900 is open in no process the tests start.
        var result = await CheckAsync("app = \"./MyApp\"\nbind = [\"fd://0\", \"fd://900\"]\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                "Error: gunicorn.toml:2:8: bind = \"fd://0\" is not valid: descriptor 0 is open but is not a socket",
                "Error: gunicorn.toml:2:8: bind = \"fd://900\" is not valid: descriptor 900 is not open in this process; start the supervisor with the socket open on it (systemd socket activation, or a parent that leaves it inheritable)",
                "The configuration has 2 problems; nothing was started.",
            ],
            result.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task AUnixSocketInAFolderThatDoesNotExistIsNamed()
    {
        MachineFiles.Executable(_directory, "MyApp");

        var result = await CheckAsync("app = \"./MyApp\"\nbind = \"unix:run/app.sock\"\n");

        Assert.Equal(
            $"Error: gunicorn.toml:2:8: bind = \"unix:{File("run/app.sock")}\" is not valid: the folder {File("run")} does not exist; create it, or choose another path",
            SingleProblem(result));
    }

    [Fact]
    public async Task RunRefusesAnAppThatCannotStartWithExitCodeFour()
    {
        var result = await RunAsync("app = \"./missing\"\nbind = \"127.0.0.1:0\"\n");

        Assert.Equal(4, result.ExitCode);
        Assert.Equal(
            [
                $"Error: gunicorn.toml:1:7: app = \"./missing\" is not valid: {File("missing")} does not exist; build or publish the app there, or correct the path",
                "The configuration has 1 problem; nothing was started.",
            ],
            result.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task ANativeAotAppWithoutTheWorkerLibraryIsRefusedByCheckAndRunWithTheOneLiner()
    {
        FakeImages.Executable(_directory, "MyApp", FakeImages.NativeAot("Hello World!"));
        var toml = "app = \"./MyApp\"\nbind = \"127.0.0.1:0\"\n";

        var checkedResult = await CheckAsync(toml);
        var ran = await RunAsync(toml);

        var expected = $"Error: gunicorn.toml:1:7: app = \"./MyApp\" is not valid: {File("MyApp")} is a Native AOT app without the Worker library, and the Worker library cannot be injected into it (startup hooks do not run in Native AOT apps); " +
            "add the one-liner to the app (reference the Supervisor.Worker package, call builder.UseSupervisorWorker()) and publish it again";
        Assert.Equal(expected, SingleProblem(checkedResult));
        Assert.Equal(4, ran.ExitCode);
        Assert.Equal([expected, "The configuration has 1 problem; nothing was started."], ran.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task ANativeAotAppWithTheWorkerLibraryAWrapperScriptAndAnotherProgramPassInAuto()
    {
        FakeImages.Executable(_directory, "MyApp", FakeImages.NativeAot("Hello World!", "SUPERVISOR_LISTEN_FDS"));
        MachineFiles.Executable(_directory, "start.sh", "#!/bin/sh\nexec dotnet app.dll\n");

        Assert.Equal(0, (await CheckAsync("app = \"./MyApp\"\n")).ExitCode);
        Assert.Equal(0, (await CheckAsync("app = \"./start.sh\"\n")).ExitCode);
        Assert.Equal(0, (await CheckAsync("app = [\"/bin/sh\", \"-c\", \"exec dotnet app.dll\"]\n")).ExitCode);
        Assert.Equal(0, (await CheckAsync("app = \"./MyApp\"\napp_mode = \"library\"\n")).ExitCode);
    }

    [Fact]
    public async Task InjectIntoANativeAotAppIsRefusedByCheckAndRun()
    {
        FakeImages.Executable(_directory, "MyApp", FakeImages.NativeAot("SUPERVISOR_LISTEN_FDS"));
        var toml = "app = \"./MyApp\"\napp_mode = \"inject\"\nbind = \"127.0.0.1:0\"\n";

        var checkedResult = await CheckAsync(toml);
        var ran = await RunAsync(toml);

        var expected = $"Error: gunicorn.toml:2:12: app_mode = \"inject\" is not valid: {File("MyApp")} is not a framework-dependent .NET app ('dotnet MyApp.dll', or an executable beside its MyApp.runtimeconfig.json), so nothing can be injected into it; " +
            "it is a Native AOT app, which startup hooks cannot reach: add the one-liner to the app (reference the Supervisor.Worker package, call builder.UseSupervisorWorker()) and set app_mode = \"library\"";
        Assert.Equal(expected, SingleProblem(checkedResult));
        Assert.Equal(4, ran.ExitCode);
        Assert.Equal([expected, "The configuration has 1 problem; nothing was started."], ran.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task InjectIntoAScriptNamesTheAppToRunInstead()
    {
        MachineFiles.Executable(_directory, "start.sh", "#!/bin/sh\nexec dotnet app.dll\n");

        var result = await CheckAsync("app = \"./start.sh\"\napp_mode = \"inject\"\n");

        Assert.Equal(
            $"Error: gunicorn.toml:2:12: app_mode = \"inject\" is not valid: {File("start.sh")} is not a framework-dependent .NET app ('dotnet MyApp.dll', or an executable beside its MyApp.runtimeconfig.json), so nothing can be injected into it; " +
            "name the app itself in app, as in [\"dotnet\", \"MyApp.dll\"], not a program or script that starts it",
            SingleProblem(result));
    }

    [Fact]
    public async Task AConsoleAppIsRefusedUnlessItShipsTheWorkerLibraryOrTheModeIsLibrary()
    {
        Directory.CreateDirectory(File("out"));
        _directory.Write("out/Tool.dll", "");
        _directory.Write("out/Tool.runtimeconfig.json", """{ "runtimeOptions": { "tfm": "net10.0", "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" } } }""");
        var toml = "app = [\"dotnet\", \"out/Tool.dll\"]\n";

        var refused = await CheckAsync(toml);
        var library = await CheckAsync(toml + "app_mode = \"library\"\n");
        _directory.Write("out/Supervisor.Worker.dll", "");
        var shipsTheLibrary = await CheckAsync(toml);

        Assert.Equal(
            "Error: gunicorn.toml:1:7: app = [\"dotnet\", \"out/Tool.dll\"] is not valid: Tool.dll is not an ASP.NET Core app (its Tool.runtimeconfig.json names no Microsoft.AspNetCore.App framework), so it cannot serve on the master's sockets; run an ASP.NET Core web app",
            SingleProblem(refused));
        Assert.Equal(0, library.ExitCode);
        Assert.Equal(0, shipsTheLibrary.ExitCode);
    }

    [Theory]
    [InlineData("""{ "runtimeOptions": { "frameworks": [ { "name": "Microsoft.NETCore.App", "version": "8.0.0" }, { "name": "Microsoft.AspNetCore.App", "version": "8.0.0" } ] } }""")]
    [InlineData("""{ "runtimeOptions": { "tfm": "net8.0", "includedFrameworks": [ { "name": "Microsoft.NETCore.App", "version": "8.0.31" }, { "name": "Microsoft.AspNetCore.App", "version": "8.0.31" } ] } }""")]
    [InlineData("not json")]
    public async Task AWebAppOrAnAppWhoseRuntimeConfigCannotBeReadPasses(string runtimeConfig)
    {
        Directory.CreateDirectory(File("out"));
        _directory.Write("out/Web.dll", "");
        _directory.Write("out/Web.runtimeconfig.json", runtimeConfig);
        MachineFiles.Executable(_directory, "out/Web");

        Assert.Equal(0, (await CheckAsync("app = \"./out/Web\"\n")).ExitCode);
    }

    [Fact]
    public async Task RunRefusesATooLongUnixSocketPathInOneLine()
    {
        MachineFiles.Executable(_directory, "MyApp");
        var path = "/tmp/" + new string('s', 110);

        var result = await RunAsync($"app = \"./MyApp\"\nbind = \"unix:{path}\"\n");

        Assert.Equal(
            $"Error: gunicorn.toml:2:8: bind = \"unix:{path}\" is not valid: the socket path {path} is 115 bytes long, and a unix socket path can be at most 107; choose a shorter path",
            SingleProblem(result));
    }

    [Fact]
    public async Task RunReportsAnErrorLogItCannotOpenInOneLine()
    {
        // /proc takes no new file, whoever asks; root may pass the folder check and fail at the open itself.
        MachineFiles.Executable(_directory, "MyApp");

        var result = await RunAsync("app = \"./MyApp\"\nbind = \"127.0.0.1:0\"\nerrorlog = \"/proc/no-such.log\"\n");

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("Unhandled exception", result.Error, StringComparison.Ordinal);
        var line = Assert.Single(result.Error.Split('\n'), l => l.StartsWith("Error: ", StringComparison.Ordinal));
        Assert.Contains("/proc/no-such.log", line, StringComparison.Ordinal);
        Assert.Contains("Nothing was started.", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnInheritedSocketPasses()
    {
        MachineFiles.Executable(_directory, "MyApp");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var fd = (int)socket.Handle;
        _directory.Write("gunicorn.toml", $"app = \"./MyApp\"\nbind = \"fd://{fd}\"\n");
        var info = SupervisorExecutable.StartInfo(_directory.Path, ["check"]);
        Supervisor.Platform.Libc.ClearCloseOnExec(fd);

        using var process = System.Diagnostics.Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, error);
    }

    private static string Uid() => Supervisor.Platform.Libc.GetEffectiveUserId().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
