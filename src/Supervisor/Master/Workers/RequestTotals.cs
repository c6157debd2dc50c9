using Supervisor.Worker.Protocol;

namespace Supervisor.Master.Workers;

/// <summary>What every worker since the master started has served, exited ones included.</summary>
/// <param name="Served">Requests served.</param>
/// <param name="Requests">The same requests by status class and duration.</param>
internal readonly record struct RequestTotals(long Served, RequestTally Requests);
