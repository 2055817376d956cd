using System.Diagnostics;
using Gtgm.Bench.Harness;
using Gtgm.Imaging;
using Gtgm.Imaging.Loading;
using Gtgm.Imaging.Phantoms;
using Gtgm.Transforms.Augmentation;
using Gtgm.Transforms.Preprocessing;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// Batches per second of GTGM's two-view pretraining batch preparation, through the prefetching loader's worker
/// threads: pick a volume, get it from the volume cache (read .nii.gz + preprocess on a miss), take one 64³ crop,
/// share its flips between two views, perturb each view once, and pack both into (B, 1, 64, 64, 64) arrays.
/// Measured twice: with a cache that holds every volume (steady state) and with one that holds a quarter of them
/// (so reads and preprocessing happen during the run). Inputs are CT phantoms written as NIfTI. No peer.
/// </summary>
public sealed class BatchPreparationBenchmark : IBenchmark
{
    public string Name => "batch-preparation";
    public string Description => "two-view pretraining batches/s (cache, preprocess, crop 2×(1,64,64,64), augment) through the loader's workers";

    public IEnumerable<BenchmarkResult> Run(BenchmarkContext context)
    {
        int volumes = context.Quick ? 2 : 8, batch = context.Quick ? 2 : 4, batches = context.Quick ? 4 : 60;
        var size = context.Quick ? (48, 96, 96) : (80, 192, 192);
        var patch = (64, 64, 64);
        var files = PhantomDatasetWriter.Write(Path.Combine(context.WorkDirectory, "ct"), PhantomKind.CT, volumes, size, seed: 1).Files;
        // Quick (smoke) mode resamples coarsely: the default 2 × 1.5 × 1.5 mm grid of a whole abdomen is ~8 Mvox per volume.
        var plan = ModalityPreprocessing.For(Modality.CT);
        var preprocessor = new Preprocessor(context.Quick ? plan with { TargetSpacing = new[] { 4.0, 4.0, 4.0 } } : plan);
        Volume Load(string path) => preprocessor.Run(VolumeIO.ReadImage(path).WithModality(Modality.CT));
        long oneVolume = VolumeBytes.Of(Load(files[0]));
        var sampler = new TwoViewSampler(patch);
        int workers = Math.Max(1, context.Threads);

        foreach (var (label, budget) in new[] { ("all volumes cached", oneVolume * volumes * 2), ("cache holds 1/4 of the volumes", oneVolume * Math.Max(1, volumes / 4)) })
        {
            var rates = new List<double>();
            var waits = new List<double>();
            for (int rep = 0; rep < context.Repetitions; rep++)
            {
                var cache = new VolumeCache<Volume>(Load, VolumeBytes.Of, budget);
                if (budget >= oneVolume * volumes) foreach (var f in files) cache.Get(f); // steady state: warm
                var loader = new PrefetchingLoader<(float[], float[])>((index, rng, _) =>
                {
                    int voxels = 64 * 64 * 64;
                    var view1 = new float[batch * voxels];
                    var view2 = new float[batch * voxels];
                    for (int b = 0; b < batch; b++)
                    {
                        var views = sampler.Sample(cache.Get(files[rng.Next(files.Count)]), rng);
                        views.View1.CopyTo(view1, b * voxels);
                        views.View2.CopyTo(view2, b * voxels);
                    }
                    return (view1, view2);
                }, batches, seed: rep, "bench-batch", workers, capacity: 2 * workers);
                var clock = Stopwatch.StartNew();
                int n = 0;
                foreach (var _ in loader) n++;
                rates.Add(n / clock.Elapsed.TotalSeconds);
                waits.Add(loader.WaitTime.TotalSeconds / n);
            }
            double median = Median(rates);
            yield return new BenchmarkResult(Name, $"two-view batches, B={batch}, 2×(1,64,64,64), {label}", "batches/s", median, null, null,
                Note: $"{median * batch:0.0} samples/s; {workers} worker thread(s); {volumes} CT phantoms {size.Item1}×{size.Item2}×{size.Item3} "
                    + $"→ preprocessed {oneVolume / 4 / 1_000_000.0:0.0} Mvox each; {batches} batches × {context.Repetitions} rep(s), median; "
                    + $"consumer idle {Median(waits) * 1000:0} ms/batch with no model running");
        }
    }

    static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
