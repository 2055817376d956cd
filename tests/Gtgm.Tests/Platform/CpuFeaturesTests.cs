using System.Runtime.InteropServices;
using Gtgm.Cli.Hosting;
using Gtgm.Networks.Layers;
using Gtgm.Platform;

namespace Gtgm.Tests.Platform;

public class CpuFeaturesTests
{
    [SkippableFact]
    public void BFloat16AccelerationMatchesTheKernelsReportedCpuFlags()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64, "reads x86-64 flags from /proc/cpuinfo");
        var flags = File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("flags", StringComparison.Ordinal))
            .Split(':')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        bool expected = flags.Contains("avx512bw") && flags.Contains("avx512vl") && flags.Contains("avx512dq");
        Assert.Equal(expected, CpuFeatures.BFloat16Accelerated);
    }

    [Fact]
    public void Bf16OnACpuWithoutItsKernelsWarnsAndStillRuns()
    {
        var warnings = new StringWriter();
        Assert.Equal(Precision.BFloat16Mixed, PrecisionArgument.Parse("bf16", "cpu", warnings));
        if (CpuFeatures.BFloat16Accelerated) Assert.Equal("", warnings.ToString());
        else Assert.StartsWith("warning: --precision bf16: not accelerated: this CPU lacks", warnings.ToString());
    }

    [Fact]
    public void Fp32NeverWarns()
    {
        var warnings = new StringWriter();
        Assert.Equal(Precision.Float32, PrecisionArgument.Parse("fp32", "cpu", warnings));
        Assert.Equal("", warnings.ToString());
    }
}
