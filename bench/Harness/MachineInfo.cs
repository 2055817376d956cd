using System.Runtime.InteropServices;
using Gtgm.Platform;

namespace Gtgm.Bench.Harness;

/// <summary>The machine a result was measured on; figures from different machines are not comparable.</summary>
public sealed record MachineInfo(
    string Cpu, int LogicalCores, double MemoryGiB, string CpuFlags, string OperatingSystem, string DotNet,
    string TorchSharp, string LibTorch, string TorchBackend)
{
    public static MachineInfo Describe() => new(
        CpuInfo("model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        Math.Round(MemTotalKiB() / (1024.0 * 1024.0), 1),
        MatmulFlags(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        BuildInfo.TorchSharpVersion,
        BuildInfo.LibTorchVersion,
        BuildInfo.TorchBackend);

    public override string ToString() =>
        $"{Cpu}, {LogicalCores} logical cores, {MemoryGiB} GiB; {CpuFlags}; {OperatingSystem}; {DotNet}; " +
        $"TorchSharp {TorchSharp} (libtorch {LibTorch}, {TorchBackend})";

    /// <summary>The 1, 5 and 15 minute load averages, e.g. "3.10 2.50 1.20", or null where /proc is not available.</summary>
    public static string? LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : null;
    }

    static string? CpuInfo(string key)
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path)) return null;
        foreach (string line in File.ReadLines(path))
        {
            int colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == key) return line[(colon + 1)..].Trim();
        }
        return null;
    }

    /// <summary>The vector and matrix extensions that decide fp32/bf16 speed (avx2, avx512f, avx512_bf16, amx_bf16).</summary>
    static string MatmulFlags()
    {
        var flags = (CpuInfo("flags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var relevant = new[] { "avx2", "fma", "avx512f", "avx512_bf16", "amx_bf16", "amx_tile" }.Where(flags.Contains).ToArray();
        return relevant.Length == 0 ? "no avx2" : string.Join(' ', relevant);
    }

    static double MemTotalKiB()
    {
        const string path = "/proc/meminfo";
        if (!File.Exists(path)) return 0;
        string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line == null ? 0 : double.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
