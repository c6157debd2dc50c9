using SampleApp.Api;
using Supervisor.Worker;

namespace SampleApp.Endpoints;

internal static class WorkerEndpoints
{
    public static void MapWorkerEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/worker", (WorkerInfo worker) => new WorkerResponse(worker.ProcessId, worker.Slot, worker.Requests));
}
