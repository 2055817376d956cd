using System.Text.Json.Nodes;
using Gtgm.Bench.Harness;
using Gtgm.Pretraining;
using Gtgm.Pretraining.Training;
using Gtgm.Reporting;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// <c>gtgm pretrain</c> end to end (<see cref="PretrainPipeline"/>): scanning a mixed pool of real volumes (MSD
/// hippocampus MRI, abdominal CT, FIB-SEM EM from the shared data), reading and preprocessing them, cutting two
/// augmented 64³ views per crop on the prefetch thread, and training the ResNet-18 encoder with the views-only
/// objective (<c>vr</c>: no captions needed, the data path is the same as <c>gtgm</c>'s but for a cached
/// embedding lookup). Reports the share of step time spent waiting for data (target, issue 6: at most 5 % on
/// 2 cores) and the end-to-end rate. The first step is excluded from the share: nothing can be prefetched
/// before it, and a real run has thousands of steps; its wait is given in the note.
/// </summary>
public sealed class EndToEndPretrainBenchmark : IBenchmark
{
    public string Name => "pretrain-e2e";
    public string Description => "gtgm pretrain end to end on real MRI/CT/EM: data-wait share of step time, samples/s";

    static readonly string[] DataSets = { "msd-hippocampus", "ct-amos0336", "em-fib-gala" };

    public IEnumerable<BenchmarkResult> Run(BenchmarkContext context)
    {
        if (context.SharedData == null) yield break;
        var data = DataSets.Select(d => Path.Combine(context.SharedData, d)).Where(Directory.Exists).ToList();
        if (data.Count == 0) yield break;

        int steps = context.Quick ? 2 : 6;
        const int batch = 2;
        int patch = context.Quick ? 16 : 64;
        double width = context.Quick ? 0.125 : 0.5;
        string name = $"e2e-{Guid.NewGuid():N}";
        var request = new PretrainRequest
        {
            Data = data,
            Setup = new PretrainSetup { Objective = "vr", Encoder = "resnet18", Width = width },
            Options = new PretrainOptions { Steps = steps, BatchSize = batch, Seed = 1, CheckpointEvery = steps, KeepCheckpoints = 1 },
            Patch = (patch, patch, patch),
            RunsDirectory = context.WorkDirectory,
            Name = name,
        };
        context.Say($"[{Name}] {steps} steps, batch {batch}, {patch}^3, resnet18 w{width}, data: {string.Join(", ", data.Select(Path.GetFileName))}");
        PretrainPipeline.Run(request, new JsonObject());

        var records = new MetricsLog(Path.Combine(context.WorkDirectory, name, RunFolder.MetricsFileName)).Read();
        var steady = records.Skip(1).ToList();
        if (steady.Count == 0) steady = records.ToList();
        double wait = steady.Sum(r => r.Values["data_wait_s"]);
        double time = steady.Sum(r => r.Values["step_time_s"]);
        string what = $"pretrain vr resnet18 w{width:0.###} batch {batch} {patch}^3, {data.Count} data sets";
        string note = $"steps 2..{records.Count}: {wait:0.###} s waiting of {time:0.###} s; step 1 waited {records[0].Values["data_wait_s"]:0.###} s " +
            $"of {records[0].Values["step_time_s"]:0.###} s (cold start); {context.Threads} threads, prefetch on one background task";
        yield return new BenchmarkResult(Name, what + " data wait", "% of step", 100 * wait / time, null, null,
            HigherIsBetter: false, Target: 5, Note: note);
        yield return new BenchmarkResult(Name, what, "samples/s", batch * steady.Count / time, null, null, Note: "end to end, including data wait");
    }
}
