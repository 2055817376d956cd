using System.CommandLine;
using Gtgm.Cli.Hosting;
using Gtgm.Platform;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm doctor`: can this install train? Versions, threads, devices, the native fix, the data found.</summary>
static class DoctorCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var command = new Command("doctor", "Check the installation: .NET, TorchSharp/libtorch, threads, devices, native compatibility, data folders");
        command.SetAction(_ =>
        {
            var r = SystemReport.Collect();
            var o = env.Out;
            o.WriteLine($"gtgm                {r.GtgmVersion}");
            o.WriteLine($".NET                {r.DotnetVersion} on {r.OperatingSystem}");
            o.WriteLine($"TorchSharp          {r.TorchSharpVersion} (backend: {r.TorchBackend})");
            o.WriteLine($"libtorch            {r.LibTorchVersion}");
            o.WriteLine($"TorchSharp loaded   {(r.TorchLoaded ? "yes" : "NO: " + r.TorchError)}");
            o.WriteLine($"threads             {r.Threads} (of {r.LogicalCores} logical cores)");
            o.WriteLine($"bf16 on CPU         {(r.BFloat16Accelerated ? "accelerated (oneDNN bf16 kernels)" : PrecisionArgument.SlowBFloat16)}");
            o.WriteLine($"glibc heap          {(NativeHeap.Applied ? "freed memory kept for reuse between steps" : "default settings")}");
            o.WriteLine($"devices             {(r.Devices.Count == 0 ? "none" : string.Join(", ", r.Devices))}");
            o.WriteLine($"glibcxx rewrite     {CompatLine(r)}");
            o.WriteLine($"shared data         {(r.SharedData == null ? "not found (set GTGM_DATA to use your own)" : r.SharedData)}");
            if (r.SharedDataSets.Count > 0) o.WriteLine($"  data sets         {string.Join(", ", r.SharedDataSets)}");
            return r.TorchLoaded ? ExitCodes.Success : ExitCodes.InternalError;
        });
        return command;
    }

    static string CompatLine(SystemReport r) => r.CompatState switch
    {
        LibstdcxxCompatState.Patched => $"applied ({LibstdcxxCompat.TooNewVersion} -> {LibstdcxxCompat.SubstituteVersion} in libLibTorchSharp.so)",
        LibstdcxxCompatState.Unpatched when r.SystemHasGlibcxx332 => "not needed (system libstdc++ provides " + LibstdcxxCompat.TooNewVersion + ")",
        LibstdcxxCompatState.Unpatched => "MISSING: libLibTorchSharp.so still requires " + LibstdcxxCompat.TooNewVersion + "; rebuild with dotnet build",
        LibstdcxxCompatState.NotNeeded => "not needed (library does not require " + LibstdcxxCompat.TooNewVersion + ")",
        _ => "not applicable (" + r.CompatLibrary + " not found)",
    };
}
