using Supervisor.Cli;

return await SupervisorCli.RunAsync(args, Console.Out, Console.Error);
