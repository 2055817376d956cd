// Before libtorch allocates anything: keep freed native memory for the next training step (see NativeHeap).
Gtgm.Platform.NativeHeap.KeepFreedMemory();
return Gtgm.Cli.Hosting.CliApp.Run(args, Console.Out, Console.Error);
