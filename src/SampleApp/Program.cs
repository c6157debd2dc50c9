using SampleApp.Commands;
using SampleApp.Hosting;

// The app's own executable doubles as its management tool, like Django's manage.py:
// `SampleApp migrate`, `SampleApp collectstatic --output DIR`, `SampleApp portcheck HOST PORT`.
var command = args.Length > 0 ? args[0] : null;
var rest = args.Skip(1).ToList();
try
{
    return command switch
    {
        MigrateCommand.Name => await MigrateCommand.RunAsync(rest, Console.Out, Console.Error),
        CollectStaticCommand.Name => CollectStaticCommand.Run(rest, Path.Combine(AppContext.BaseDirectory, "wwwroot"), Console.Out, Console.Error),
        PortCheckCommand.Name => await PortCheckCommand.RunAsync(rest, Console.Error),
        _ => await WebApp.RunAsync(args),
    };
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
