using static TorchSharp.torch;

namespace Gtgm.Tests;

/// <summary>
/// Runs a test at a fixed libtorch intra-op thread count and restores the previous count afterwards. The count
/// is process-wide, and float reductions split over a different number of threads round differently, so a test
/// whose numbers must not depend on which tests ran before it pins it.
/// </summary>
sealed class TorchThreads : IDisposable
{
    readonly int _previous;

    TorchThreads(int threads)
    {
        _previous = get_num_threads();
        set_num_threads(threads);
    }

    public static TorchThreads Use(int threads) => new(threads);

    public void Dispose() => set_num_threads(_previous);
}
