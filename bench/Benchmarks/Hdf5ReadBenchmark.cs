using Gtgm.Bench.Harness;
using Gtgm.Imaging.Hdf5;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// Reading CREMI HDF5 (gzip-chunked) with <see cref="CremiReader"/> (PureHDF) against h5py
/// (bench/peers/hdf5_read.py), one thread each, alternating passes, median Mvox/s: whole raw volumes (to float32),
/// whole neuron-id volumes (uint64 to int32) and sub-blocks of the ISBI stack (only the chunks they touch).
/// </summary>
public sealed class Hdf5ReadBenchmark : IBenchmark
{
    static readonly int[] BlockSize = { 16, 64, 64 };

    public string Name => "hdf5-read";
    public string Description => "Read CREMI HDF5 raw, neuron ids and sub-blocks vs h5py";

    public IEnumerable<BenchmarkResult> Run(BenchmarkContext context)
    {
        if (context.SharedData == null) yield break;
        string gala = Path.Combine(context.SharedData, "em-fib-gala");
        string isbi = Path.Combine(context.SharedData, "em-isbi2012", "train.h5");
        var galaFiles = new[] { "train.h5", "test.h5" }.Select(f => Path.Combine(gala, f)).Where(File.Exists).ToArray();
        if (context.Quick) galaFiles = galaFiles.Take(1).ToArray();
        int blocks = context.Quick ? 2 : 20;

        var cases = new List<(string Measure, Func<long> Ours, string[] PeerArgs)>();
        if (galaFiles.Length > 0)
        {
            cases.Add(($"read volumes/raw, FIB-SEM ({galaFiles.Length} file(s))", () => galaFiles.Sum(f => CremiReader.ReadRaw(f).Data.LongLength), new[] { "raw" }.Concat(galaFiles).ToArray()));
            cases.Add(($"read neuron_ids uint64, FIB-SEM ({galaFiles.Length} file(s))", () => galaFiles.Sum(f => CremiReader.ReadLabels(f).Data.LongLength), new[] { "labels" }.Concat(galaFiles).ToArray()));
        }
        if (File.Exists(isbi) && !context.Quick)
            cases.Add(("read volumes/raw, ISBI 30x512x512", () => CremiReader.ReadRaw(isbi).Data.LongLength, new[] { "raw", isbi }));
        if (File.Exists(isbi))
            cases.Add(($"read {blocks} blocks {string.Join("x", BlockSize)}, ISBI", () => ReadBlocks(isbi, blocks),
                new[] { "blocks" }.Concat(BlockSize.Select(s => s.ToString())).Concat(new[] { blocks.ToString(), isbi }).ToArray()));

        var peer = PythonPeer.Ensure("python3-h5py");
        int passes = context.Quick ? 1 : Math.Max(3, context.Repetitions);
        foreach (var (measure, read, peerArgs) in cases)
        {
            long voxels = read();
            var t = Measure.Alternate(() => { read(); },
                peer.Available ? () => peer.Run("hdf5_read.py", peerArgs).GetProperty("seconds").GetDouble() : null, passes);
            yield return new BenchmarkResult(Name, measure, "Mvox/s", voxels / t.Ours / 1e6, voxels / t.Peer / 1e6, peer.Label,
                Note: $"median of {passes} alternating passes, 1 thread each, {voxels:N0} voxels per pass");
        }
    }

    /// <summary>Blocks of one open file (as a loader reads crops), corners on a fixed walk the peer script repeats.</summary>
    static long ReadBlocks(string path, int count)
    {
        using var dataset = CremiDataset.Open(path, CremiFile.Raw);
        var shape = dataset.Shape;
        long voxels = 0;
        for (int i = 0; i < count; i++)
        {
            var corner = Enumerable.Range(0, 3).Select(a => (int)((long)i * 7919 * (a + 1) % (shape[a] - BlockSize[a] + 1))).ToArray();
            voxels += dataset.ReadRaw(new VoxelBlock(corner[0], corner[1], corner[2], BlockSize[0], BlockSize[1], BlockSize[2])).Data.LongLength;
        }
        return voxels;
    }
}
