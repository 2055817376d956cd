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

        var peer = PythonPeer.Ensure("python3-nibabel");
        int passes = context.Quick ? 1 : Math.Max(3, context.Repetitions);
        foreach (var (measure, files) in sets)
        {
            long voxels = files.Sum(f => NiftiReader.ReadImage(f).Data.LongLength);
            var t = Measure.Alternate(() => { foreach (string f in files) NiftiReader.ReadImage(f); },
                peer.Available ? () => peer.Run("nifti_read.py", files).GetProperty("seconds").GetDouble() : null, passes);
            yield return new BenchmarkResult(Name, measure, "Mvox/s", voxels / t.Ours / 1e6, voxels / t.Peer / 1e6, peer.Label, Target: 1.5,
                Note: $"median of {passes} alternating passes, 1 thread each, {voxels:N0} voxels per pass");
        }
    }
}
