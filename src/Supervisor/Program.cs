using Supervisor.Commands;

return await SupervisorCli.RunAsync(args, Console.Out, Console.Error);
