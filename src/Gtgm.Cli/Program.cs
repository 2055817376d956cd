return Gtgm.Cli.Hosting.CliApp.Run(args, Console.Out, Console.Error);
