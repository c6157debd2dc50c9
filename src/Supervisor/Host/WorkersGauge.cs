using Supervisor.Worker.Metrics;

namespace Supervisor.Host;

/// <summary>
/// Gunicorn's gunicorn.workers gauge: how many worker processes the master has (booting, serving and draining
/// alike, as Gunicorn counts its WORKERS), sent when the number changes, and again once a reload changes where
/// metrics go. It lives as long as the master; its socket closes with the process.
/// </summary>
internal sealed class WorkersGauge
{
    private StatsdSettings? _settings;
    private StatsdSender? _sender;
    private int? _sent;

    public WorkersGauge(StatsdSettings? settings) => Apply(settings);

    /// <summary>Follows a reload: a new address, prefix or tags gets a new sender, which is told the count afresh.</summary>
    public void Apply(StatsdSettings? settings)
    {
        if (settings == _settings && (_sender is not null || settings is null))
        {
            return;
        }

        _sender?.Dispose();
        _settings = settings;
        _sender = settings is null ? null : new StatsdSender(settings);
        _sent = null;
    }

    public void Report(int workers)
    {
        if (_sender is null || workers == _sent)
        {
            return;
        }

        // A count that did not go (statsd not there yet, its name not resolved yet) is sent again on the next pass
        // of the arbiter's loop, or an unchanging count would never be reported.
        if (_sender.Gauge(MetricNames.Workers, workers))
        {
            _sent = workers;
        }
    }
}
