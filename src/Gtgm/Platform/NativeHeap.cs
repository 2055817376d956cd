using System.Runtime.InteropServices;

namespace Gtgm.Platform;

/// <summary>
/// glibc malloc settings for training. libtorch allocates every activation and gradient with malloc; glibc
/// serves blocks above its mmap threshold with fresh mmaps and returns them on free, so each training step
/// page-faults its whole working set back in (about 100,000 minor faults per ResNet-18 step at 64³, several
/// percent of the step). Serving everything from the heap and never trimming it lets the next step reuse the
/// same pages, which is what jemalloc or tcmalloc give PyTorch users who preload them. The price is that the
/// process keeps its peak resident size until it exits, which suits a training or inference command.
/// </summary>
public static partial class NativeHeap
{
    const int M_TRIM_THRESHOLD = -1, M_MMAP_MAX = -4;

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int param, int value);

    /// <summary>Whether <see cref="KeepFreedMemory"/> applied the settings in this process.</summary>
    public static bool Applied { get; private set; }

    /// <summary>
    /// Applies the settings on glibc Linux; returns whether they were applied. A user who tunes malloc through
    /// glibc's own environment variables keeps those settings.
    /// </summary>
    public static bool KeepFreedMemory()
    {
        if (!OperatingSystem.IsLinux() || UserTunesMalloc(Environment.GetEnvironmentVariables())) return false;
        try
        {
            // mallopt returns 1 on success; both are tried even if the first is refused.
            bool mmapOff = MallOpt(M_MMAP_MAX, 0) == 1;
            bool trimOff = MallOpt(M_TRIM_THRESHOLD, int.MaxValue) == 1;
            return Applied = mmapOff && trimOff;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // a libc without mallopt (musl): leave it alone
        }
    }

    /// <summary>Whether these environment variables already tune glibc malloc (which then wins).</summary>
    public static bool UserTunesMalloc(System.Collections.IDictionary environment) =>
        environment.Keys.OfType<string>().Any(k => k.StartsWith("MALLOC_", StringComparison.Ordinal)) ||
        (environment["GLIBC_TUNABLES"] as string ?? "").Contains("glibc.malloc", StringComparison.Ordinal);
}
