using System.Collections;
using System.Diagnostics;
using Gtgm.Platform;

namespace Gtgm.Tests.Platform;

public class NativeHeapTests
{
    [Theory]
    [InlineData("MALLOC_ARENA_MAX", "2", true)]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=65536", true)]
    [InlineData("GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX2", false)]
    [InlineData("PATH", "/usr/bin", false)]
    public void AUsersOwnMallocTuningIsLeftAlone(string name, string value, bool userTunes) =>
        Assert.Equal(userTunes, NativeHeap.UserTunesMalloc(new Hashtable { [name] = value }));

    /// <summary>
    /// The settings change the whole process's allocator, so they are applied in a child process (the real
    /// gtgm program) rather than in the test process, where they would change other tests' memory figures.
    /// </summary>
    [SkippableFact]
    public void TheGtgmProgramAppliesThemAndDoctorSaysSo()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "mallopt is glibc's");
        string cli = Path.Combine(AppContext.BaseDirectory, "gtgm.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { cli, "doctor" }) info.ArgumentList.Add(a);
        foreach (var key in Environment.GetEnvironmentVariables().Keys.OfType<string>().Where(k => k.StartsWith("MALLOC_", StringComparison.Ordinal)))
            info.Environment.Remove(key);
        using var process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.Matches(@"glibc heap\s+freed memory kept", output);
    }
}
