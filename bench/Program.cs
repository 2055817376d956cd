using Gtgm.Bench.Harness;
using Gtgm.Platform;

// Benchmarks: this project against its peers, side by side in one run (issue 8). See BENCHMARKS.md.
BenchOptions options;
IReadOnlyList<IBenchmark> selected;
try
{
    options = BenchOptions.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }
    selected = BenchmarkCatalog.Select(options.Names);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"gtgm-bench: {e.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.List)
{
    foreach (var b in selected) Console.WriteLine($"{b.Name,-24} {b.Description}");
    return 0;
}

TorchRuntime.SetThreads(options.Threads);
// The same allocator settings as the gtgm command, so ours is measured as users run it.
bool heapKept = NativeHeap.KeepFreedMemory();
PythonPeer.InstallAllowed = !options.Quick;
string work = Directory.CreateTempSubdirectory("gtgm-bench-").FullName;
try
{
    var context = new BenchmarkContext(options.Quick, options.Repetitions, options.Threads, DataFolders.FindSharedData(), work,
        line => Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} {line}"));
    string command = "dotnet run -c Release --project bench --" + string.Concat(args.Select(a => " " + a));
    var report = BenchmarkRunner.Run(selected, context, command);

    Console.WriteLine($"machine: {report.Machine}");
    if (report.LoadAverage != null) Console.WriteLine($"load average: {report.LoadAverage} ({report.Machine.LogicalCores} cores)");
    Console.WriteLine($"threads {report.Threads}, {report.Repetitions} repetition(s), medians{(report.Quick ? ", QUICK smoke mode (figures are not meaningful)" : "")}; ratio > 1 means GTGM is better");
    Console.WriteLine($"glibc heap: {(heapKept ? "freed memory kept for reuse (NativeHeap, as in gtgm)" : "default settings")}");
    Console.WriteLine();
    Console.Write(ResultTable.Text(report));
    ResultsFile.Write(report, options.Out);
    Console.WriteLine($"\nwrote {options.Out} ({report.TotalSeconds:0} s)");
    if (options.Markdown != null)
    {
        Gtgm.IO.AtomicFile.WriteAllText(options.Markdown, ResultTable.Markdown(report));
        Console.WriteLine($"wrote {options.Markdown}");
    }
    return report.Failures.Count == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}
