using System.Diagnostics;

namespace Gtgm.Bench.Harness;

/// <summary>A benchmark that threw instead of returning results.</summary>
public sealed record BenchmarkFailure(string Benchmark, string Error);

/// <summary>Everything one invocation measured, with the machine and command that produced it.</summary>
/// <param name="LoadAverage">/proc/loadavg (1, 5, 15 min) before and after the run: how busy the machine was.</param>
public sealed record BenchmarkReport(
    string Command, DateTimeOffset Date, MachineInfo Machine, bool Quick, int Repetitions, int Threads,
    IReadOnlyList<BenchmarkResult> Results, IReadOnlyList<BenchmarkFailure> Failures, double TotalSeconds,
    string? LoadAverage = null);

/// <summary>Runs the selected benchmarks one after another; one failing benchmark does not stop the others.</summary>
public static class BenchmarkRunner
{
    public static BenchmarkReport Run(IReadOnlyList<IBenchmark> benchmarks, BenchmarkContext context, string command)
    {
        var results = new List<BenchmarkResult>();
        var failures = new List<BenchmarkFailure>();
        long start = Stopwatch.GetTimestamp();
        string? loadBefore = MachineInfo.LoadAverage();
        foreach (var benchmark in benchmarks)
        {
            context.Say($"[{benchmark.Name}] {benchmark.Description}");
            try
            {
                ProcessMemory.ResetPeak();
                var rows = benchmark.Run(context).ToList();
                if (rows.Count == 0) failures.Add(new BenchmarkFailure(benchmark.Name, "returned no results"));
                results.AddRange(rows);
            }
            catch (Exception e)
            {
                failures.Add(new BenchmarkFailure(benchmark.Name, $"{e.GetType().Name}: {e.Message}"));
                context.Say($"[{benchmark.Name}] FAILED: {e}");
            }
        }
        return new BenchmarkReport(command, DateTimeOffset.Now, MachineInfo.Describe(), context.Quick, context.Repetitions,
            context.Threads, results, failures, Stopwatch.GetElapsedTime(start).TotalSeconds,
            loadBefore == null ? null : $"{loadBefore} before, {MachineInfo.LoadAverage()} after");
    }
}
