System.Console.WriteLine("benchmarks: see issue 8");
