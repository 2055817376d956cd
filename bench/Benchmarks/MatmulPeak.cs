using Gtgm.Bench.Harness;
using static TorchSharp.torch;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// This CPU's practical peak: the rate of one large square torch.mm, the densest work a training step contains.
/// Shared by the matmul-peak benchmark and the training step's model FLOPs utilisation.
/// </summary>
public static class MatmulPeak
{
    public static double Flops(long size) => 2.0 * size * size * size;

    public static ScalarType DType(string precision) => precision switch
    {
        "fp32" => ScalarType.Float32,
        "bf16" => ScalarType.BFloat16,
        _ => throw new ArgumentException($"precision {precision}: fp32 or bf16", nameof(precision)),
    };

    /// <summary>
    /// Median seconds of one size x size torch.mm in <paramref name="precision"/>, ours alternating with the
    /// peer session's (the matmul_peak.py protocol), when given.
    /// </summary>
    public static AlternateTiming Time(string precision, long size, int reps, int warmup, PeerSession? peer)
    {
        using var scope = NewDisposeScope();
        var a = randn(new[] { size, size }).to(DType(precision));
        var b = randn(new[] { size, size }).to(DType(precision));
        return Measure.Alternate(() => Measure.Time(() => mm(a, b).Dispose()),
            peer == null ? null : () => peer.RequestSeconds(precision), reps, warmup);
    }

    /// <summary>Our peak rate in FLOP/s (no peer), for utilisation figures.</summary>
    public static double OursFlopsPerSecond(string precision, long size, int reps) =>
        Flops(size) / Time(precision, size, reps, warmup: 1, peer: null).Ours;
}
