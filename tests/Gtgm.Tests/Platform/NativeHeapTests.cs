using Gtgm.Platform;

namespace Gtgm.Tests.Platform;

[Collection(nameof(NativeHeapTests))] // changes process environment variables
public class NativeHeapTests
{
    [SkippableFact]
    public void GlibcAcceptsTheSettings()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "mallopt is glibc's");
        Assert.True(NativeHeap.KeepFreedMemory());
    }

    [SkippableFact]
    public void AUsersOwnMallocTuningIsLeftAlone()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "mallopt is glibc's");
        Environment.SetEnvironmentVariable("MALLOC_ARENA_MAX", "2");
        try { Assert.False(NativeHeap.KeepFreedMemory()); }
        finally { Environment.SetEnvironmentVariable("MALLOC_ARENA_MAX", null); }
    }
}
