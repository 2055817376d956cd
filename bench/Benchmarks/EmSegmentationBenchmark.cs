using Gtgm.Bench.Harness;
using Gtgm.Connectomics;
using Gtgm.Imaging;
using Gtgm.Imaging.Hdf5;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// The EM connectomics path on the real FIB-SEM volume (em-fib-gala test.h5, 50×100×200; quick: a 16×48×48
/// block): (a) affinity watershed + mean-affinity agglomeration (<see cref="AffinitySegmentation"/>), Mvox/s, on
/// the ground-truth affinities blended with seeded uniform noise (0.6·truth + 0.4·noise) so that the watershed
/// over-segments and agglomeration has real work; no peer, since waterz has no Debian package and PyPI is
/// unreachable here. (b) VOI split/merge + adapted Rand error of that segmentation against the truth, Mvox/s,
/// against scikit-image's <c>variation_of_information</c> + <c>adapted_rand_error</c> (bench/peers/em_metrics.py)
/// on the same two label volumes; the benchmark fails if the two sides' scores differ.
/// </summary>
public sealed class EmSegmentationBenchmark : IBenchmark
{
    const double NoiseShare = 0.4;

    public string Name => "em-segmentation";
    public string Description => "EM watershed + agglomeration Mvox/s; VOI + ARAND Mvox/s vs scikit-image";

    public IEnumerable<BenchmarkResult> Run(BenchmarkContext context)
    {
        string file = Path.Combine(context.SharedData ?? "", "em-fib-gala", "test.h5");
        if (context.SharedData == null || !File.Exists(file)) yield break;
        var truth = context.Quick ? CremiReader.ReadLabels(file, new VoxelBlock(0, 0, 0, 16, 48, 48)) : CremiReader.ReadLabels(file);
        string shape = $"{truth.Depth}x{truth.Height}x{truth.Width}";
        long voxels = truth.Data.LongLength;
        var affinities = NoisyAffinities(truth);

        context.Say($"[{Name}] watershed + agglomeration, {shape}");
        LabelVolume? segmentation = null;
        var segment = Measure.Alternate(() => { segmentation = AffinitySegmentation.Segment(affinities); }, null, context.Repetitions,
            warmup: context.Quick ? 0 : 1);
        int segments = segmentation!.Data.Distinct().Count();
        yield return new BenchmarkResult(Name, $"watershed + agglomeration, FIB-SEM {shape}, noisy truth affinities", "Mvox/s",
            voxels / segment.Ours / 1e6, null, null,
            Note: $"{segment.Ours:0.###} s median of {segment.OursSamples.Count}, 1 thread, threshold 0.5, {segments} segments; " +
                "no peer: waterz is not installable here");

        string predictionFile = Path.Combine(context.WorkDirectory, "em-prediction.h5");
        string truthFile = Path.Combine(context.WorkDirectory, "em-truth.h5");
        CremiWriter.WriteLabels(predictionFile, segmentation);
        CremiWriter.WriteLabels(truthFile, truth);
        var score = EmSegmentationScore.Compute(segmentation, truth);

        var peer = PythonPeer.Ensure("python3-skimage", "python3-h5py");
        using var session = peer.Available ? peer.Start("em_metrics.py", "--pred", predictionFile, "--truth", truthFile) : null;
        if (session != null) RequireSameScores(score, ZeroAsOrdinaryId(segmentation, truth), session.Greeting);
        context.Say($"[{Name}] VOI + ARAND, {shape}");
        var metrics = Measure.Alternate(() => EmSegmentationScore.Compute(segmentation, truth),
            session == null ? null : () => session.RequestSeconds("metrics"), context.Repetitions, warmup: context.Quick ? 0 : 1);
        yield return new BenchmarkResult(Name, $"VOI + ARAND, FIB-SEM {shape}", "Mvox/s",
            voxels / metrics.Ours / 1e6, voxels / metrics.Peer / 1e6, peer.Label,
            Note: $"1 thread each, median of {metrics.OursSamples.Count}; VOI split {score.VoiSplit:0.####} / merge {score.VoiMerge:0.####} bits, " +
                $"ARAND {score.Arand:0.######} (CREMI)" +
                (session != null ? "; VOI and ARAND (predicted 0 as an ordinary id) equal to scikit-image's within 1e-9" : ""));
    }

    /// <summary>Ground-truth affinities blended with seeded uniform noise, undefined edges left at 0.</summary>
    static Volume NoisyAffinities(LabelVolume truth)
    {
        var (affinities, mask) = AffinityTargets.Compute(truth);
        var random = new Random(0);
        var data = affinities.Data;
        for (int i = 0; i < data.Length; i++)
            if (mask.Data[i] > 0) data[i] = (float)((1 - NoiseShare) * data[i] + NoiseShare * random.NextDouble());
        return affinities;
    }

    /// <summary>
    /// ARAND with predicted 0 counted as one ordinary segment, as scikit-image counts it. CREMI instead treats
    /// voxels predicted 0 like singletons (see <see cref="AdaptedRandError"/>); VOI is the same either way.
    /// </summary>
    static double ZeroAsOrdinaryId(LabelVolume prediction, LabelVolume truth)
    {
        int fresh = prediction.Data.Max() + 1;
        var ids = prediction.Data.Select(v => v == 0 ? fresh : v).ToArray();
        return AdaptedRandError.Compute(new LabelVolume(prediction.Geometry, ids), truth).Error;
    }

    static void RequireSameScores(EmSegmentationScore ours, double arandZeroAsOrdinary, System.Text.Json.JsonElement peer)
    {
        foreach (var (name, value) in new[] { ("voi_split", ours.VoiSplit), ("voi_merge", ours.VoiMerge), ("arand", arandZeroAsOrdinary) })
        {
            double theirs = peer.GetProperty(name).GetDouble();
            if (Math.Abs(theirs - value) > 1e-9)
                throw new InvalidOperationException($"{name}: ours {value:R} != scikit-image {theirs:R}");
        }
    }
}
