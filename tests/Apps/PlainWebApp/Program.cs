var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/", () => "Hello World!");
app.MapGet("/pid", () => Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
app.MapGet("/client", (HttpContext context) => $"{context.Connection.RemoteIpAddress} {context.Request.Scheme}");
app.MapGet("/sleep", async (int ms) =>
{
    await Task.Delay(ms);
    return "slept";
});

// The app's own address, as a tutorial would write it: the supervisor serves on its sockets instead.
app.Run("http://127.0.0.1:5099");
