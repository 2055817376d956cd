using Gtgm.Networks.Layers;
using Gtgm.Platform;

namespace Gtgm.Cli.Hosting;

/// <summary>
/// <c>--precision fp32|bf16</c>. bf16-mixed is a speed option, so asking for it on a CPU where it is slower than
/// fp32 gets a warning rather than a silently slower run.
/// </summary>
static class PrecisionArgument
{
    public static string SlowBFloat16 =>
        $"not accelerated: this CPU lacks {CpuFeatures.BFloat16Requirement}, so bf16 convolutions run on a generic path far slower than fp32";

    public static Precision Parse(string text, string device, TextWriter warnings)
    {
        var precision = MixedPrecision.Parse(text);
        if (precision == Precision.BFloat16Mixed && !CpuFeatures.BFloat16Accelerated &&
            TorchRuntime.ResolveDevice(device).type == TorchSharp.DeviceType.CPU)
            warnings.WriteLine($"warning: --precision bf16: {SlowBFloat16}; use --precision fp32 on this machine");
        return precision;
    }
}
