using Supervisor.Configuration;
using Supervisor.Configuration.Catalogue;
using Supervisor.Master;

namespace Supervisor.ControlEndpoint;

/// <summary>
/// The control endpoint of a master started by a binary upgrade (USR2): the old master still holds the control
/// address, so this one takes it as soon as the old one lets go, trying every half second meanwhile.
/// </summary>
internal sealed class DeferredEndpointServer : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _retries;
    private EndpointServer? _endpoint;

    private DeferredEndpointServer(Func<EndpointServer?> start)
    {
        _retries = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(RetryInterval, _stop.Token).ConfigureAwait(false);
                    _endpoint = start();
                    return;
                }
                catch (HaltException)
                {
                    // Still held by the old master.
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    /// <summary>Starts the endpoint now, or (in a master that has a parent master) as soon as the address is free.</summary>
    public static IDisposable? Start(SupervisorConfig config, ArbiterStats stats, EndpointFeed feed, Serilog.ILogger log, bool hasParentMaster)
    {
        try
        {
            return EndpointServer.StartIfConfigured(config, stats, feed, log);
        }
        catch (HaltException) when (hasParentMaster)
        {
            log.Information(EndpointMessages.WaitingForParent, config.Get(Settings.ControlBind)!.ToString());
            return new DeferredEndpointServer(() => EndpointServer.StartIfConfigured(config, stats, feed, log));
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _retries.Wait(TimeSpan.FromSeconds(5));
        _endpoint?.Dispose();
        _stop.Dispose();
    }
}
