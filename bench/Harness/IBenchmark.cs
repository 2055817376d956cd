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
/// <param name="Target">The target for ours/peer (e.g. 1.5), if any.</param>
/// <param name="Note">Anything a reader needs: repetitions, sizes, threads, peak memory.</param>
public sealed record BenchmarkResult(
    string Benchmark, string Measure, string Unit, double Ours, double? Peer, string? PeerName,
    bool HigherIsBetter = true, double? Target = null, string? Note = null)
{
    /// <summary>Ours relative to the peer, oriented so that above 1 means we are better.</summary>
    public double? Ratio => Peer is double p && p > 0 && Ours > 0 ? (HigherIsBetter ? Ours / p : p / Ours) : null;
}

/// <summary>What every benchmark gets: smoke mode, repetitions, threads and where the real data is.</summary>
public sealed record BenchmarkContext(bool Quick, int Repetitions, int Threads, string? SharedData, string WorkDirectory);
