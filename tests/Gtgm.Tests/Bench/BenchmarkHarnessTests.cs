using Gtgm.Bench.Harness;

namespace Gtgm.Tests.Bench;

public class BenchmarkHarnessTests
{
    [Fact]
    public void RatioIsOrientedSoThatAboveOneMeansWeAreBetter()
    {
        // A rate: 30 vs 20 samples/s -> 1.5. A time: 2 s vs 3 s -> 3/2 = 1.5.
        Assert.Equal(1.5, new BenchmarkResult("b", "m", "samples/s", 30, 20, "peer").Ratio!.Value, 12);
        Assert.Equal(1.5, new BenchmarkResult("b", "m", "s", 2, 3, "peer", HigherIsBetter: false).Ratio!.Value, 12);
        Assert.Null(new BenchmarkResult("b", "m", "s", 2, null, "peer not available").Ratio);
    }

    [Fact]
    public void TargetIsCheckedOnTheRatioOrOnOursWhenThereIsNoPeer()
    {
        Assert.True(new BenchmarkResult("b", "m", "x/s", 15, 10, "p", Target: 1.5).MeetsTarget);
        Assert.False(new BenchmarkResult("b", "m", "x/s", 14, 10, "p", Target: 1.5).MeetsTarget);
        // Peer wanted but not available: no verdict, not a miss.
        Assert.Null(new BenchmarkResult("b", "m", "x/s", 14, null, "p not available", Target: 1.5).MeetsTarget);
        // No peer at all: an absolute limit, e.g. data wait at most 5 %.
        Assert.True(new BenchmarkResult("b", "m", "%", 4.9, null, null, HigherIsBetter: false, Target: 5).MeetsTarget);
        Assert.False(new BenchmarkResult("b", "m", "%", 5.1, null, null, HigherIsBetter: false, Target: 5).MeetsTarget);
    }

    [Fact]
    public void AlternateReportsMediansAndRunsBothSidesEqually()
    {
        int ours = 0, peer = 0;
        var oursTimes = new Queue<double>(new[] { 9.0, 3.0, 1.0, 2.0 });
        var peerTimes = new Queue<double>(new[] { 9.0, 10.0, 30.0, 20.0 });
        var t = Measure.Alternate(() => { ours++; return oursTimes.Dequeue(); }, () => { peer++; return peerTimes.Dequeue(); }, reps: 3, warmup: 1);
        Assert.Equal((4, 4), (ours, peer));
        Assert.Equal(2.0, t.Ours);   // median of 3, 1, 2 (the warm-up 9 is dropped)
        Assert.Equal(20.0, t.Peer);  // median of 10, 30, 20
        Assert.Equal(new[] { 3.0, 1.0, 2.0 }, t.OursSamples);
    }

    [Fact]
    public void MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() =>
        Assert.Equal(2.5, Measure.Median(new[] { 4.0, 1.0, 3.0, 2.0 }));

    [Fact]
    public void OptionsParseAndQuickForcesOneRepetition()
    {
        var o = BenchOptions.Parse(new[] { "training-step", "--reps", "7", "--threads", "2", "--out", "x.json" });
        Assert.Equal(new[] { "training-step" }, o.Names);
        Assert.Equal((7, 2, "x.json", false), (o.Repetitions, o.Threads, o.Out, o.Quick));
        Assert.Equal(1, BenchOptions.Parse(new[] { "--reps", "7", "--quick" }).Repetitions);
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(new[] { "--reps", "0" }));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(new[] { "--frobnicate" }));
    }

    [Fact]
    public void ResultsFileRoundTripsTheRowsAndTheMachine()
    {
        using var dir = new TempDir();
        var report = new BenchmarkReport("cmd", DateTimeOffset.Now, MachineInfo.Describe(), false, 5, 2,
            new[] { new BenchmarkResult("b", "m", "samples/s", 3, 2, "PyTorch", Target: 1.0, Note: "n") },
            new[] { new BenchmarkFailure("c", "boom") }, 1.5);
        ResultsFile.Write(report, dir.File("r.json"));
        var back = ResultsFile.Read(dir.File("r.json"));
        Assert.Equal(report.Results, back.Results);
        Assert.Equal(report.Failures, back.Failures);
        Assert.Equal(report.Machine, back.Machine);
        Assert.Contains("\"ratio\": 1.5", File.ReadAllText(dir.File("r.json")));
    }
}
