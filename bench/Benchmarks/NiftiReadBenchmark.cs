using System.Diagnostics;
using Gtgm.Bench.Harness;
using Gtgm.Imaging.Nifti;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// Reading .nii.gz into float32 voxels: our <see cref="NiftiReader"/> against nibabel's
/// <c>get_fdata(dtype=float32)</c> (bench/peers/nifti_read.py) on the same files, one thread each, alternating
/// passes; median Mvox/s. Inputs: all MSD hippocampus images (small files: per-file overhead matters) and the
/// AMOS CT (one 10 M-voxel int16 volume: inflate and conversion speed). Target (issue 3): at least 1.5× nibabel.
/// </summary>
public sealed class NiftiReadBenchmark : IBenchmark
{
    public string Name => "nifti-read";
    public string Description => "Read .nii.gz volumes to float32 (hippocampus, CT) vs nibabel";

    public IEnumerable<BenchmarkResult> Run(BenchmarkContext context)
    {
        if (context.SharedData == null) yield break;
        var sets = new List<(string Measure, string[] Files)>();
        string hippocampus = Path.Combine(context.SharedData, "msd-hippocampus", "imagesTr");
        string ct = Path.Combine(context.SharedData, "ct-amos0336", "amos_0336.nii.gz");
        if (Directory.Exists(hippocampus))
        {
            var files = Directory.GetFiles(hippocampus, "*.nii.gz").OrderBy(f => f, StringComparer.Ordinal).ToArray();
            if (context.Quick) files = files.Take(1).ToArray();
            sets.Add(($"read .nii.gz, MSD hippocampus ({files.Length} file{(files.Length == 1 ? "" : "s")})", files));
        }
        if (File.Exists(ct) && !context.Quick) sets.Add(("read .nii.gz, AMOS CT 256x256x157 int16", new[] { ct }));

        var peer = PeerScript.Find("nifti_read.py", "nibabel");
        foreach (var (measure, files) in sets)
        {
            long voxels = files.Sum(f => NiftiReader.ReadImage(f).Data.LongLength);
            var ours = new List<double>();
            var theirs = new List<double>();
            int reps = context.Quick ? 1 : Math.Max(3, context.Repetitions);
            for (int rep = -1; rep < reps; rep++)
            {
                // Repetition -1 warms both up (JIT, page cache); the order alternates so neither always goes first.
                double o = 0, p = 0;
                if (rep % 2 == 0) { o = TimeOurs(files); p = PeerSeconds(peer, files); }
                else { p = PeerSeconds(peer, files); o = TimeOurs(files); }
                if (rep < 0) continue;
                ours.Add(voxels / o / 1e6);
                if (peer != null) theirs.Add(voxels / p / 1e6);
            }
            yield return new BenchmarkResult(Name, measure, "Mvox/s", Median(ours), peer == null ? null : Median(theirs),
                peer?.Label, Target: 1.5, Note: $"median of {reps} alternating passes, 1 thread each, {voxels:N0} voxels per pass");
        }
    }

    static double TimeOurs(string[] files)
    {
        var watch = Stopwatch.StartNew();
        foreach (string f in files) NiftiReader.ReadImage(f);
        return watch.Elapsed.TotalSeconds;
    }

    static double PeerSeconds(PeerScript? peer, string[] files) => peer?.Run(files).GetProperty("seconds").GetDouble() ?? 0;

    static double Median(List<double> values)
    {
        var s = values.OrderBy(v => v).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
