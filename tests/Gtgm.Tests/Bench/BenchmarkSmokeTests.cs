using Gtgm.Bench.Harness;
using Gtgm.Platform;

namespace Gtgm.Tests.Bench;

/// <summary>
/// Keeps the benchmarks alive (issue 8): every benchmark the harness discovers runs once in quick mode, on tiny
/// inputs, with peers only where already installed, and must return figures that mean something.
/// </summary>
public class BenchmarkSmokeTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var b in BenchmarkCatalog.All()) data.Add(b.Name);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Names))]
    public void EachBenchmarkRunsInQuickModeAndReturnsFinitePositiveFigures(string name)
    {
        using var dir = new TempDir();
        var benchmark = BenchmarkCatalog.Select(new[] { name }).Single();
        var context = new BenchmarkContext(Quick: true, Repetitions: 1, Threads: Environment.ProcessorCount,
            DataFolders.FindSharedData(), dir.Path);

        var results = benchmark.Run(context).ToList();

        // Benchmarks on real data have nothing to measure without the shared data folder.
        Skip.If(results.Count == 0 && context.SharedData == null, $"{name}: no shared data folder (set {DataFolders.EnvironmentVariable})");
        Assert.NotEmpty(results);
        foreach (var r in results)
        {
            Assert.Equal(name, r.Benchmark);
            Assert.False(string.IsNullOrWhiteSpace(r.Measure));
            Assert.False(string.IsNullOrWhiteSpace(r.Unit));
            Assert.True(double.IsFinite(r.Ours) && r.Ours > 0, $"{r.Measure}: ours = {r.Ours}");
            if (r.Peer is double p) Assert.True(double.IsFinite(p) && p > 0, $"{r.Measure}: peer = {p}");
        }
    }

    [Fact]
    public void DiscoveryFindsTheHarnessOwnBenchmarksWithUniqueNames()
    {
        var names = BenchmarkCatalog.All().Select(b => b.Name).ToList();
        Assert.Contains("training-step", names);
        Assert.Contains("matmul-peak", names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void AnUnknownBenchmarkNameIsRejectedWithTheKnownNames()
    {
        var e = Assert.Throws<ArgumentException>(() => BenchmarkCatalog.Select(new[] { "no-such-benchmark" }));
        Assert.Contains("no-such-benchmark", e.Message);
        Assert.Contains("training-step", e.Message);
    }
}
