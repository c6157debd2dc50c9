using Supervisor.Master;

namespace Supervisor.Endpoint;

/// <summary>What the endpoint reads besides <see cref="MasterStats"/>: the master's listeners and its scoreboard.</summary>
internal sealed record EndpointFeed(ListenerSet Listeners, string ScoreboardPath);
