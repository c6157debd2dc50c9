using LoadClient;

return LoadClientCli.Run(args, Console.Out, Console.Error);
