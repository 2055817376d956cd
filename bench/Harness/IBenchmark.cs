namespace Gtgm.Bench.Harness;

/// <summary>
/// One benchmark. It measures this project and, where one exists, a peer (PyTorch, nibabel, h5py, ...)
/// on the same input in the same run, alternating them, and returns one row per figure.
/// </summary>
public interface IBenchmark
{
    /// <summary>Short name used on the command line, e.g. "nifti-read".</summary>
    string Name { get; }
    string Description { get; }
    IEnumerable<BenchmarkResult> Run(BenchmarkContext context);
}

/// <param name="Benchmark">The benchmark's name.</param>
/// <param name="Measure">What was measured, e.g. "read .nii.gz (hippocampus, 208 files)".</param>
/// <param name="Unit">Unit of the figures, e.g. "Mvox/s" or "samples/s".</param>
/// <param name="Ours">This project's median figure.</param>
/// <param name="Peer">The peer's median figure from the same run, if any.</param>
/// <param name="PeerName">e.g. "nibabel 5.2 (python3)" or "PyTorch 1.13.1".</param>
/// <param name="HigherIsBetter">True for rates, false for times.</param>
/// <param name="Target">
/// The target for the ratio ours/peer (e.g. 1.5), if any. A row without a peer compares
/// <paramref name="Ours"/> itself with it, in the direction <paramref name="HigherIsBetter"/> says (e.g. data wait
/// at most 5 %).
/// </param>
/// <param name="Note">Anything a reader needs: repetitions, sizes, threads, peak memory.</param>
public sealed record BenchmarkResult(
    string Benchmark, string Measure, string Unit, double Ours, double? Peer, string? PeerName,
    bool HigherIsBetter = true, double? Target = null, string? Note = null)
{
    /// <summary>Ours relative to the peer, oriented so that above 1 means we are better.</summary>
    public double? Ratio => Peer is double p && p > 0 && Ours > 0 ? (HigherIsBetter ? Ours / p : p / Ours) : null;

    /// <summary>Whether the target is met; null when there is no target, or a peer row whose peer did not run.</summary>
    public bool? MeetsTarget => Target is not double t ? null
        : Ratio is double r ? r >= t
        : PeerName == null ? (HigherIsBetter ? Ours >= t : Ours <= t)
        : null;
}

/// <summary>What every benchmark gets: smoke mode, repetitions, threads and where the real data is.</summary>
/// <param name="Quick">Smoke mode: tiny inputs, one repetition, peers only where already installed.</param>
/// <param name="Threads">Intra-op threads for ours (already set) and for every peer (pass it on).</param>
/// <param name="WorkDirectory">An empty scratch folder of this run, deleted afterwards.</param>
/// <param name="Log">Progress lines for the console (a long benchmark should say what it is doing); may be null.</param>
public sealed record BenchmarkContext(bool Quick, int Repetitions, int Threads, string? SharedData, string WorkDirectory,
    Action<string>? Log = null)
{
    public void Say(string line) => Log?.Invoke(line);
}
