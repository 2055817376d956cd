using Gtgm.Platform;

namespace Gtgm.Tests.Platform;

public class LibstdcxxCompatTests
{
    [Fact]
    public void ElfHashMatchesTheSystemVDefinition()
    {
        // Values from the System V ABI's reference algorithm, computed independently.
        Assert.Equal(0x077905a6u, LibstdcxxCompat.ElfHash("printf"));
        Assert.Equal(0x0297f868u, LibstdcxxCompat.ElfHash("GLIBCXX_3.4.18"));
        Assert.Equal(0x0297f842u, LibstdcxxCompat.ElfHash("GLIBCXX_3.4.32"));
    }

    static string? PackagedLibrary()
    {
        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(root, "torchsharp", BuildInfo.TorchSharpVersion, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return File.Exists(path) ? path : null;
    }

    [SkippableFact]
    public void RewriteChangesOnlyTheOneEntryAndIsIdempotent()
    {
        string? original = PackagedLibrary();
        Skip.If(original == null, "TorchSharp's libLibTorchSharp.so is not in the NuGet cache");
        using var dir = new TempDir();
        string copy = dir.File("libLibTorchSharp.so");
        File.Copy(original!, copy);
        Assert.Equal(LibstdcxxCompatState.Unpatched, LibstdcxxCompat.Inspect(copy));

        Assert.Equal(LibstdcxxCompatState.Patched, LibstdcxxCompat.Apply(copy));
        byte[] before = File.ReadAllBytes(original!), after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        int changed = Enumerable.Range(0, before.Length).Count(i => before[i] != after[i]);
        Assert.InRange(changed, 1, 8); // vna_hash and vna_name of one Elf64_Vernaux: at most 8 bytes

        Assert.Equal(LibstdcxxCompatState.Patched, LibstdcxxCompat.Apply(copy));
        Assert.Equal(after, File.ReadAllBytes(copy));
    }

    [Fact]
    public void NonElfFilesAreLeftAlone()
    {
        using var dir = new TempDir();
        string file = dir.File("not-a-library.so");
        File.WriteAllText(file, "hello");
        Assert.Equal(LibstdcxxCompatState.NotElf, LibstdcxxCompat.Apply(file));
        Assert.Equal("hello", File.ReadAllText(file));
    }

    [Fact]
    public void TheTestHostsOwnCopyWasRewrittenByTheBuild()
    {
        Skip.IfNot(OperatingSystem.IsLinux());
        string lib = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        var expected = LibstdcxxCompat.SystemProvidesTooNewVersion() ? LibstdcxxCompatState.Unpatched : LibstdcxxCompatState.Patched;
        Assert.Equal(expected, LibstdcxxCompat.Inspect(lib));
    }
}
