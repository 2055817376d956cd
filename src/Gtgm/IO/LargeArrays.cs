using System.Runtime.InteropServices;

namespace Gtgm.IO;

/// <summary>
/// Result arrays for whole volumes. Writing a fresh 40 MB array costs ~10 000 page faults of 4 KiB each (tens of
/// milliseconds on a VM, as much as converting the voxels); asking Linux for transparent huge pages on the
/// array's range first turns those into ~20 faults of 2 MiB. Advice only: where it is unavailable nothing changes.
/// Measured on the AMOS CT read (41 MB of float32): median 205 ms → 185 ms over 16 alternating reads, and
/// AnonHugePages rose by 36 MB (the aligned part of the array).
/// </summary>
public static partial class LargeArrays
{
    const int HugePageBytes = 2 << 20;
    const int MadvHugePage = 14;

    /// <summary>An array whose contents the caller overwrites entirely, backed by huge pages where the OS allows.</summary>
    public static unsafe T[] Uninitialized<T>(int length) where T : unmanaged
    {
        var array = GC.AllocateUninitializedArray<T>(length);
        long bytes = (long)length * sizeof(T);
        if (!OperatingSystem.IsLinux() || bytes < 4L * HugePageBytes) return array;
        fixed (T* p = array)
        {
            long start = ((long)p + HugePageBytes - 1) & ~(long)(HugePageBytes - 1);
            long end = ((long)p + bytes) & ~(long)(HugePageBytes - 1);
            try
            {
                if (end > start) _ = Madvise((nint)start, (nuint)(end - start), MadvHugePage);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // No libc madvise (not glibc/musl Linux): the array works the same without the advice.
            }
        }
        return array;
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
