using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Platform;

/// <summary>Device choice, threads and seeding: the process-wide TorchSharp settings every command shares.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// Resolves "cpu", "cuda", "cuda:N" or "auto" (CUDA when available, else CPU). Asking for CUDA where this
    /// build has no CUDA backend is a user error, not a silent fallback.
    /// </summary>
    public static Device ResolveDevice(string name)
    {
        string n = name.Trim().ToLowerInvariant();
        if (n == "auto") return cuda.is_available() ? CUDA : CPU;
        if (n == "cpu") return CPU;
        if (n.StartsWith("cuda"))
        {
            if (!cuda.is_available())
                throw new UserInputException(
                    $"--device {name}: CUDA is not available in this build (it uses the '{BuildInfo.TorchBackend}' TorchSharp backend); rebuild with -p:TorchBackend=cuda on a machine with CUDA, or use --device cpu");
            return new Device(n);
        }
        throw new UserInputException($"--device {name}: expected cpu, cuda, cuda:N or auto");
    }

    /// <summary>Sets the intra-op thread count; 0 keeps libtorch's default (one per core).</summary>
    public static void SetThreads(int threads)
    {
        if (threads < 0) throw new UserInputException($"--threads {threads}: must be 0 (all cores) or more");
        if (threads > 0) torch.set_num_threads(threads);
    }

    /// <summary>Seeds libtorch's generators; every other random choice takes a <see cref="Random"/> from <see cref="Rng"/>.</summary>
    public static void Seed(int seed)
    {
        torch.manual_seed(seed);
        if (cuda.is_available()) torch.cuda.manual_seed_all(seed);
    }
}
