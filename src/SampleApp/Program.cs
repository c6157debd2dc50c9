using System.Text.Json;
using SampleApp;
using SampleApp.Endpoints;
using Supervisor.Worker;

var builder = WebApplication.CreateSlimBuilder(args);
builder.UseSupervisorWorker();
builder.Services.ConfigureHttpJsonOptions(options =>
{
    // The context's own naming policy does not carry over when it joins the resolver chain.
    options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJsonContext.Default);
});

var app = builder.Build();
app.MapRootEndpoints();
app.MapWorkerEndpoints();
app.MapSleepEndpoints();
app.MapDiagnosticsEndpoints();
app.Run();
