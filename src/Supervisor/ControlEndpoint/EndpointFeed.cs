using Supervisor.Master;
using Supervisor.Master.Listeners;

namespace Supervisor.ControlEndpoint;

/// <summary>What the endpoint reads besides <see cref="ArbiterStats"/>: the master's listeners and its scoreboard.</summary>
internal sealed record EndpointFeed(ListenerSet Listeners, string ScoreboardPath);
