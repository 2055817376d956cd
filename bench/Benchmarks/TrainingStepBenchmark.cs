using System.Diagnostics;
using Gtgm.Bench.Harness;
using Gtgm.Networks;
using Gtgm.Networks.Layers;
using Gtgm.Networks.Optimization;
using Gtgm.Networks.ResNet;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// One training step (forward, loss, backward, AdamW step) of the 3-D ResNet-18 encoder
/// (<see cref="ResNet3D"/>) against PyTorch on the same network (bench/peers/train_step.py, parameter count
/// asserted), batch and thread count. fp32, and bf16 mixed: ours runs the convolutions on bf16 copies of fp32
/// master weights (<see cref="MixedPrecision"/>), the peer uses torch.autocast("cpu", bfloat16). Reports
/// samples/s (target: at least PyTorch's, issue 6), whole-process peak memory, and model FLOPs utilisation
/// against this CPU's measured matmul peak.
/// </summary>
public sealed class TrainingStepBenchmark : IBenchmark
{
    const string Encoder = "resnet18";
    static readonly int[] Depths = { 2, 2, 2, 2 };

    public string Name => "training-step";
    public string Description => "3-D ResNet-18 training step (fwd+bwd+AdamW), fp32 and bf16-mixed, vs PyTorch";

    /// <summary>One measured configuration.</summary>
    sealed record Config(double Width, int Batch, int Size, string Precision);

    public IEnumerable<BenchmarkResult> Run(BenchmarkContext context)
    {
        // Width 0.5 is the CPU-sized model; width 1 is the paper's ResNet-18.
        var precisions = Precisions.For(context, Name);
        var configs = context.Quick
            ? precisions.Select(p => new Config(0.125, 1, 16, p)).ToArray()
            : new[] { 0.5, 1.0 }.SelectMany(w => precisions.Select(p => new Config(w, 2, 64, p))).ToArray();
        var peer = PythonPeer.Ensure("python3-torch");
        var peaks = new Dictionary<string, double>();
        foreach (var config in configs)
        {
            if (!peaks.ContainsKey(config.Precision))
                peaks[config.Precision] = MatmulPeak.OursFlopsPerSecond(config.Precision, context.Quick ? 128 : 2048, context.Quick ? 1 : 5);
            foreach (var row in Measure(context, config, peer, peaks[config.Precision])) yield return row;
        }
    }

    IEnumerable<BenchmarkResult> Measure(BenchmarkContext context, Config c, PythonPeer peer, double peakFlops)
    {
        string what = $"{Encoder} w{c.Width:0.###} {c.Batch}x1x{c.Size}^3 {c.Precision}";
        context.Say($"[{Name}] {what}, {context.Repetitions} reps");
        var size = new long[] { c.Size, c.Size, c.Size };
        var convs = ResNetFlops.Convolutions(ResNetBlockKind.Basic, Depths, 1, c.Width, c.Batch, size);
        double stepFlops = ResNetFlops.TrainingStep(convs);

        GC.Collect();
        ProcessMemory.ResetPeak();
        double? oursBaseline = ProcessMemory.ResidentMiB();
        using var model = EncoderRegistry.Create(Encoder, 1, c.Width);
        long parameters = model.parameters().Sum(p => p.numel());
        MixedPrecision.Apply(model, c.Precision == "bf16" ? Precision.BFloat16Mixed : Precision.Float32);
        model.train();
        using var optimizer = new InPlaceAdamW(model.parameters(), 2e-5, weightDecay: 0.05);
        using var x = randn(new long[] { c.Batch, 1, c.Size, c.Size, c.Size });

        var oursPhases = new PhaseTimes();
        double Step()
        {
            using var scope = NewDisposeScope();
            long f0 = ProcessMemory.MinorFaults() ?? 0, t0 = Stopwatch.GetTimestamp();
            optimizer.ZeroGrad();
            var loss = model.forward(x).square().mean();
            long t1 = Stopwatch.GetTimestamp(), f1 = ProcessMemory.MinorFaults() ?? 0;
            loss.backward();
            long t2 = Stopwatch.GetTimestamp(), f2 = ProcessMemory.MinorFaults() ?? 0;
            optimizer.Step();
            long t3 = Stopwatch.GetTimestamp(), f3 = ProcessMemory.MinorFaults() ?? 0;
            return oursPhases.Add(Stopwatch.GetElapsedTime(t0, t1).TotalSeconds, Stopwatch.GetElapsedTime(t1, t2).TotalSeconds,
                Stopwatch.GetElapsedTime(t2, t3).TotalSeconds, new[] { f1 - f0, f2 - f1, f3 - f2 });
        }

        using var session = peer.Available
            ? peer.Start("train_step.py", "--block", "basic", "--depths", string.Join(',', Depths),
                "--width", c.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), "--batch", c.Batch.ToString(),
                "--size", c.Size.ToString(), "--threads", context.Threads.ToString(), "--precision", c.Precision,
                "--expect-params", parameters.ToString())
            : null;
        if (session != null)
        {
            double peerFlops = session.Greeting.GetProperty("conv_flops_forward").GetDouble();
            double ours = convs.Sum(v => v.ForwardFlops);
            if (Math.Abs(peerFlops - ours) > 1e-9 * ours)
                throw new InvalidOperationException($"{what}: forward conv FLOPs {ours:E4} (ours, analytic) != {peerFlops:E4} (PyTorch, hooks)");
        }

        var peerPhases = new PhaseTimes();
        double PeerStep()
        {
            var reply = session!.Request("step");
            return peerPhases.Add(reply.GetProperty("forward").GetDouble(), reply.GetProperty("backward").GetDouble(),
                reply.GetProperty("optimizer").GetDouble(), reply.GetProperty("faults").EnumerateArray().Select(f => f.GetInt64()).ToArray());
        }

        int warmup = context.Quick ? 0 : 1;
        var t = Harness.Measure.Alternate(Step, session == null ? null : PeerStep, context.Repetitions, warmup);
        double? oursPeak = ProcessMemory.PeakResidentMiB();
        var peerMemory = session?.Request("memory");
        double? peerPeak = peerMemory?.GetProperty("peak_rss_mib").GetDouble();
        double? peerBaseline = peerMemory?.GetProperty("baseline_rss_mib").GetDouble();
        string spread = $"median of {context.Repetitions}, spread ours {t.OursSpread:P0}" +
            (t.PeerSamples.Count > 0 ? $", peer {Harness.Measure.Spread(t.PeerSamples):P0}" : "");

        yield return new BenchmarkResult(Name, what, "samples/s", c.Batch / t.Ours, c.Batch / t.Peer, peer.Label,
            Target: 1.0, Note: $"{parameters:N0} params, {stepFlops / 1e9:0.#} GFLOP/step, {context.Threads} threads, " +
                $"step {t.Ours:0.###} s (fwd/bwd/opt {oursPhases.Medians(warmup)}) vs {t.Peer:0.###} s ({peerPhases.Medians(warmup)}), {spread}; " +
                $"minor page faults fwd/bwd/opt {oursPhases.FaultMedians(warmup)} vs {peerPhases.FaultMedians(warmup)}");
        // With freed heap kept (NativeHeap), a step can fit entirely in memory an earlier benchmark left behind;
        // the difference then says nothing about this step, so the row is left out rather than reported as ~0.
        if (oursPeak is double op && oursBaseline is double ob)
        {
            if (op - ob < 1)
                context.Say($"[{Name}] {what}: peak memory not reported: the step ran inside heap kept from earlier work in this process");
            else
                yield return new BenchmarkResult(Name, what + " peak memory above baseline", "MiB", op - ob, peerPeak - peerBaseline, peer.Label,
                    HigherIsBetter: false,
                    Note: $"peak RSS (VmHWM) minus RSS before the model is built: ours {op:0} - {ob:0} MiB, peer {peerPeak:0} - {peerBaseline:0} MiB " +
                        "(Python with torch imported); ours may reuse heap kept from benchmarks run before it in the same process");
        }
        yield return new BenchmarkResult(Name, what + " MFU", "% of peak", 100 * stepFlops / t.Ours / peakFlops,
            t.Peer is double pt ? 100 * stepFlops / pt / peakFlops : null, peer.Label,
            Note: $"conv FLOPs per step / step time / our measured {c.Precision} torch.mm peak ({peakFlops / 1e9:0.#} GFLOP/s)");
    }

    /// <summary>Forward (with loss), backward and optimizer seconds and minor page faults of every step, warm-up included.</summary>
    sealed class PhaseTimes
    {
        readonly List<double[]> steps = new();
        readonly List<long[]> faults = new();

        /// <summary>Records one step and returns its total seconds.</summary>
        public double Add(double forward, double backward, double optimizer, long[] phaseFaults)
        {
            steps.Add(new[] { forward, backward, optimizer });
            faults.Add(phaseFaults);
            return forward + backward + optimizer;
        }

        public string Medians(int warmup) => Format(steps, warmup, v => v.ToString("0.###"));

        public string FaultMedians(int warmup) => Format(faults.Select(f => f.Select(v => (double)v).ToArray()).ToList(), warmup, v => v.ToString("0"));

        static string Format(List<double[]> rows, int warmup, Func<double, string> format) => rows.Count <= warmup ? "-"
            : string.Join(" / ", Enumerable.Range(0, 3).Select(i => format(Harness.Measure.Median(rows.Skip(warmup).Select(s => s[i]).ToList()))));
    }
}
