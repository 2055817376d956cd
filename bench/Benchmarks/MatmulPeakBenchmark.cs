using Gtgm.Bench.Harness;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// The CPU's peak matrix-multiply rate in fp32 and bf16, TorchSharp (libtorch 2.10) against PyTorch 1.13 on
/// the same thread count: the denominator of model FLOPs utilisation, and a check that both link a fast GEMM.
/// </summary>
public sealed class MatmulPeakBenchmark : IBenchmark
{
    public string Name => "matmul-peak";
    public string Description => "peak torch.mm GFLOP/s, fp32 and bf16, TorchSharp vs PyTorch";

    public IEnumerable<BenchmarkResult> Run(BenchmarkContext context)
    {
        long size = context.Quick ? 128 : 2048;
        int reps = context.Quick ? 1 : Math.Max(5, 2 * context.Repetitions);
        var peer = PythonPeer.Ensure("python3-torch");
        using var session = peer.Available
            ? peer.Start("matmul_peak.py", "--size", size.ToString(), "--threads", context.Threads.ToString())
            : null;
        foreach (string precision in Precisions.For(context, Name))
        {
            context.Say($"[{Name}] {precision} {size}x{size}, {reps} reps");
            var t = MatmulPeak.Time(precision, size, reps, warmup: context.Quick ? 0 : 2, session);
            double flops = MatmulPeak.Flops(size);
            yield return new BenchmarkResult(Name, $"torch.mm {size}x{size} {precision}", "GFLOP/s",
                flops / t.Ours / 1e9, t.Peer is double p ? flops / p / 1e9 : null, peer.Label,
                Note: $"{context.Threads} threads, median of {reps}, spread {t.OursSpread:P0}");
        }
    }
}
