using Npgsql;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console(outputTemplate: "app-serilog {Message:lj}{NewLine}").CreateLogger();

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddSerilog();
var app = builder.Build();

app.MapGet("/", () => "Hello World!");
app.MapGet("/runtime", () => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
app.MapGet("/versions", () =>
{
    var connection = new NpgsqlConnectionStringBuilder("Host=db;Username=app") { Database = "shop" };
    Log.Information("versions asked for {Database}", connection.Database);
    return $"serilog {typeof(Log).Assembly.GetName().Version} npgsql {typeof(NpgsqlConnection).Assembly.GetName().Version} {connection.Database}";
});

app.Run();
