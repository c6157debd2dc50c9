using System.CommandLine;
using System.Net;
using System.Net.Sockets;

namespace LoadClient;

/// <summary>The <c>loadclient</c> command line: how bad input is reported, and the run.</summary>
internal static class LoadClientCli
{
    /// <summary>Exit code for input that cannot be used, as the supervisor's own command line.</summary>
    public const int UsageError = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var options = new LoadOptions();
        var root = new RootCommand(
            "Sends HTTP/1.1 GET requests for a fixed time and prints one RESULT line that tells failed requests "
            + "from kept-alive connections the server closed while idle.");
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        root.SetAction(result =>
        {
            var url = result.GetValue(options.Url)!;
            if (!TryResolve(url, out var endPoint, out var problem))
            {
                error.WriteLine($"loadclient: error: {problem}");
                return UsageError;
            }

            var settings = new LoadSettings(url, endPoint, result.GetValue(options.Mode) == "close" ? ClientMode.Close : ClientMode.KeepAlive,
                result.GetValue(options.Clients), TimeSpan.FromSeconds(result.GetValue(options.Duration)),
                TimeSpan.FromSeconds(result.GetValue(options.Timeout)), result.GetValue(options.Verbose));
            output.WriteLine(LoadRun.Execute(settings, error).ToLine());
            return 0;
        });

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine($"loadclient: error: {problem.Message}");
            }

            return UsageError;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>Resolved once, before the run: a name that does not resolve is bad input, not a failed request.</summary>
    private static bool TryResolve(Uri url, out IPEndPoint endPoint, out string problem)
    {
        endPoint = null!;
        problem = $"--url names the host '{url.Host}', which has no address; give an IP address or a name this machine resolves.";
        try
        {
            var addresses = Dns.GetHostAddresses(url.DnsSafeHost);
            var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            if (address is null)
            {
                return false;
            }

            endPoint = new IPEndPoint(address, url.Port);
            return true;
        }
        catch (SocketException e)
        {
            problem = $"--url names the host '{url.Host}', which does not resolve ({e.Message}); give an IP address or a name this machine resolves.";
            return false;
        }
    }
}
