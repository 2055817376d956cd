using Gtgm.Platform;

namespace Gtgm.Bench.Harness;

/// <summary>
/// The precisions a benchmark measures: fp32 always, bf16 where the CPU has oneDNN bf16 kernels. Without them
/// bf16 runs on generic loops (a full-size run would take hours to say only that), so a full run leaves it out and
/// says so; <c>--quick</c> keeps it at its tiny sizes so the bf16 code path is still exercised.
/// </summary>
static class Precisions
{
    public static IReadOnlyList<string> For(BenchmarkContext context, string benchmark)
    {
        if (context.Quick || CpuFeatures.BFloat16Accelerated) return new[] { "fp32", "bf16" };
        context.Say($"[{benchmark}] bf16 left out: this CPU lacks {CpuFeatures.BFloat16Requirement}, so bf16 has no oneDNN kernels here (ours and PyTorch's alike)");
        return new[] { "fp32" };
    }

    /// <summary>bf16-mixed where the CPU accelerates it, else fp32: what a user should run inference in.</summary>
    public static (Gtgm.Networks.Layers.Precision Precision, string Label) Fastest => CpuFeatures.BFloat16Accelerated
        ? (Gtgm.Networks.Layers.Precision.BFloat16Mixed, "bf16")
        : (Gtgm.Networks.Layers.Precision.Float32, "fp32");
}
