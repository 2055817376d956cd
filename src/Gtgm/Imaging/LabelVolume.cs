namespace Gtgm.Imaging;

/// <summary>
/// Integer labels on a grid, (z, y, x) with x fastest: class indices for segmentation, or instance ids for
/// EM neurons (0 = background/boundary, ignored by the CREMI metrics).
/// </summary>
public sealed class LabelVolume
{
    public VolumeGeometry Geometry { get; }
    public int[] Data { get; }

    public LabelVolume(VolumeGeometry geometry, int[] data)
    {
        if (data.LongLength != geometry.VoxelCount)
            throw new ArgumentException($"Label data has {data.LongLength} values; {geometry} needs {geometry.VoxelCount}.");
        Geometry = geometry;
        Data = data;
    }

    public int Depth => Geometry.Depth;
    public int Height => Geometry.Height;
    public int Width => Geometry.Width;

    public int this[int z, int y, int x]
    {
        get => Data[((long)z * Height + y) * Width + x];
        set => Data[((long)z * Height + y) * Width + x] = value;
    }

    /// <summary>Each label value present, with its voxel count, in ascending label order.</summary>
    public SortedDictionary<int, long> Counts()
    {
        var counts = new SortedDictionary<int, long>();
        foreach (int v in Data) counts[v] = counts.TryGetValue(v, out long n) ? n + 1 : 1;
        return counts;
    }
}
