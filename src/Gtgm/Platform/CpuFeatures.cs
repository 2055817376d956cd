using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Gtgm.Platform;

/// <summary>CPU facts that decide which precision is fast here.</summary>
public static class CpuFeatures
{
    static readonly Lazy<bool> bf16 = new(DetectBFloat16);

    /// <summary>
    /// Whether libtorch's oneDNN has bf16 convolution and matmul kernels for this CPU. PyTorch makes the same
    /// decision (mkldnn_bf16_device_check): AVX-512 BW, VL and DQ on x86-64, the BF16 extension on Arm. Without
    /// them bf16 convolutions and matmuls fall back to generic single-threaded loops, many times slower than fp32
    /// (measured on an AVX2-only EPYC: a 2048² bf16 <c>torch.mm</c> runs at a few GFLOP/s against ~100 in fp32).
    /// </summary>
    public static bool BFloat16Accelerated => bf16.Value;

    /// <summary>The instruction-set requirement behind <see cref="BFloat16Accelerated"/>, for messages.</summary>
    public static string BFloat16Requirement => RuntimeInformation.ProcessArchitecture == Architecture.Arm64
        ? "the Arm BF16 extension"
        : "AVX-512 (BW, VL and DQ)";

    static bool DetectBFloat16() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => Avx512BW.IsSupported && Avx512BW.VL.IsSupported && Avx512DQ.IsSupported,
        Architecture.Arm64 => LinuxCpuFlags().Contains("bf16"),
        _ => false,
    };

    /// <summary>The feature words of /proc/cpuinfo ("flags" on x86, "Features" on Arm); empty elsewhere.</summary>
    static HashSet<string> LinuxCpuFlags()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return new HashSet<string>();
        var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal) || l.StartsWith("Features", StringComparison.Ordinal));
        return line == null ? new HashSet<string>()
            : line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    }
}
