using SampleApp;
using SampleApp.Endpoints;
using Supervisor.Worker;

var builder = WebApplication.CreateSlimBuilder(args);
builder.UseSupervisorWorker();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJsonContext.Default));

var app = builder.Build();
app.MapRootEndpoints();
app.MapWorkerEndpoints();
app.MapSleepEndpoints();
app.Run();
