using TorchSharp;

namespace Gtgm.Platform;

/// <summary>What <c>gtgm doctor</c> shows: the facts needed to tell whether this install can train.</summary>
public sealed record SystemReport(
    string GtgmVersion,
    string DotnetVersion,
    string OperatingSystem,
    string TorchSharpVersion,
    string LibTorchVersion,
    string TorchBackend,
    bool TorchLoaded,
    string? TorchError,
    int Threads,
    int LogicalCores,
    bool BFloat16Accelerated,
    IReadOnlyList<string> Devices,
    string CompatLibrary,
    LibstdcxxCompatState CompatState,
    bool SystemHasGlibcxx332,
    string? SharedData,
    IReadOnlyList<string> SharedDataSets)
{
    public static SystemReport Collect()
    {
        string? error = null;
        bool loaded = false;
        int threads = 0;
        var devices = new List<string>();
        try
        {
            // Touching libtorch forces the native load; a failure here is exactly what doctor must explain.
            using var probe = torch.ones(2, 2);
            loaded = probe.sum().item<float>() == 4f;
            threads = torch.get_num_threads();
            devices.Add("cpu");
            if (torch.cuda.is_available())
                for (int i = 0; i < torch.cuda.device_count(); i++) devices.Add($"cuda:{i}");
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException or InvalidOperationException)
        {
            error = e.InnerException?.Message ?? e.Message;
        }

        string lib = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        var state = File.Exists(lib) ? LibstdcxxCompat.Inspect(lib) : LibstdcxxCompatState.NotElf;
        string? shared = DataFolders.FindSharedData();
        var sets = shared == null ? new List<string>()
            : Directory.GetDirectories(shared).Select(Path.GetFileName).OfType<string>().OrderBy(s => s, StringComparer.Ordinal).ToList();

        return new SystemReport(
            BuildInfo.Version,
            Environment.Version.ToString(),
            System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            BuildInfo.TorchSharpVersion,
            BuildInfo.LibTorchVersion,
            BuildInfo.TorchBackend,
            loaded, error, threads, Environment.ProcessorCount, CpuFeatures.BFloat16Accelerated, devices,
            lib, state, LibstdcxxCompat.SystemProvidesTooNewVersion(), shared, sets);
    }
}
