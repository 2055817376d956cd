namespace Gtgm.Imaging;

/// <summary>
/// An image: float voxels laid out (channel, z, y, x), x fastest, with the grid it lives on. Every reader
/// returns one and every transform keeps <see cref="Geometry"/> up to date, so no step can silently
/// lose the orientation a prediction needs to be written back.
/// </summary>
public sealed class Volume
{
    public VolumeGeometry Geometry { get; }
    public int Channels { get; }
    public float[] Data { get; }
    public Modality Modality { get; }

    public Volume(VolumeGeometry geometry, int channels, float[] data, Modality modality = Modality.Other)
    {
        if (channels <= 0) throw new ArgumentException("A volume needs at least one channel.");
        if (data.LongLength != geometry.VoxelCount * channels)
            throw new ArgumentException($"Voxel data has {data.LongLength} values; {channels} channel(s) of {geometry} need {geometry.VoxelCount * channels}.");
        Geometry = geometry;
        Channels = channels;
        Data = data;
        Modality = modality;
    }

    public int Depth => Geometry.Depth;
    public int Height => Geometry.Height;
    public int Width => Geometry.Width;
    public long VoxelsPerChannel => Geometry.VoxelCount;

    public Span<float> Channel(int c) => Data.AsSpan(checked((int)(c * VoxelsPerChannel)), checked((int)VoxelsPerChannel));

    public float this[int c, int z, int y, int x]
    {
        get => Data[((c * (long)Depth + z) * Height + y) * Width + x];
        set => Data[((c * (long)Depth + z) * Height + y) * Width + x] = value;
    }

    public Volume With(VolumeGeometry geometry, int channels, float[] data) => new(geometry, channels, data, Modality);

    public Volume WithModality(Modality modality) => new(Geometry, Channels, Data, modality);
}
