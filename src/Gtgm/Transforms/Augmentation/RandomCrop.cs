using System.Runtime.CompilerServices;
using Gtgm.Imaging;

namespace Gtgm.Transforms.Augmentation;

/// <summary>Draws a training patch (image crop, and label crop when labels are given) from a preprocessed volume.</summary>
public interface IPatchSampler
{
    Patch Sample(Volume image, LabelVolume? labels, Random rng);
}

/// <summary>
/// Shared crop arithmetic. A crop larger than the volume is centred with zero padding, so small volumes still
/// give a patch of the requested shape.
/// </summary>
public static class Crops
{
    /// <summary>Extracts the box at <paramref name="start"/> (z, y, x) of <paramref name="size"/>, padding with 0 outside.</summary>
    public static Patch Extract(Volume image, LabelVolume? labels, (int Z, int Y, int X) start, (int D, int H, int W) size)
    {
        var shape = (image.Depth, image.Height, image.Width);
        var data = GridRegion.Copy<float>(image.Data, image.Channels, shape, start, size, 0f);
        var lab = labels == null ? null : GridRegion.Copy<int>(labels.Data, 1, shape, start, size, 0);
        return new Patch(data, image.Channels, size.D, size.H, size.W, lab);
    }

    /// <summary>The start that puts voxel <paramref name="centre"/> at the patch centre (index p/2), kept inside the volume.</summary>
    public static int StartAround(int centre, int n, int p) => Math.Clamp(centre - p / 2, Math.Min(0, n - p), Math.Max(0, n - p));

    /// <summary>A uniformly random valid start along an axis of length n for a patch of length p.</summary>
    public static int UniformStart(int n, int p, Random rng) => n >= p ? rng.Next(n - p + 1) : -((p - n + 1) / 2);
}

/// <summary>A patch at a uniformly random position (MONAI <c>RandSpatialCrop</c> with a fixed size).</summary>
public sealed class UniformCrop((int D, int H, int W) size) : IPatchSampler
{
    public (int D, int H, int W) Size { get; } = size;

    public Patch Sample(Volume image, LabelVolume? labels, Random rng)
    {
        var start = (Crops.UniformStart(image.Depth, Size.D, rng), Crops.UniformStart(image.Height, Size.H, rng), Crops.UniformStart(image.Width, Size.W, rng));
        return Crops.Extract(image, labels, start, Size);
    }
}

/// <summary>
/// Label-balanced crops for segmentation (MONAI <c>RandCropByPosNegLabel</c>): with probability
/// pos / (pos + neg) the patch is centred on a random foreground voxel (label &gt; 0), otherwise on a random
/// background voxel, then shifted only as far as needed to stay inside the volume. Without foreground it falls back to
/// background centres. The foreground index of each label volume is computed once and cached with it.
/// </summary>
public sealed class LabelBalancedCrop((int D, int H, int W) size, double positive = 1, double negative = 1) : IPatchSampler
{
    static readonly ConditionalWeakTable<LabelVolume, int[]> ForegroundIndex = new();

    public (int D, int H, int W) Size { get; } = size;
    public double PositiveFraction { get; } = positive >= 0 && negative >= 0 && positive + negative > 0
        ? positive / (positive + negative) : throw new ArgumentException("pos and neg must be ≥ 0 and not both 0.");

    public Patch Sample(Volume image, LabelVolume? labels, Random rng)
    {
        if (labels == null) throw new ArgumentException("A label-balanced crop needs labels.");
        var centre = Centre(labels, rng);
        var start = (Crops.StartAround(centre.Z, labels.Depth, Size.D), Crops.StartAround(centre.Y, labels.Height, Size.H),
            Crops.StartAround(centre.X, labels.Width, Size.W));
        return Crops.Extract(image, labels, start, Size);
    }

    /// <summary>The voxel the patch is centred on, before clamping to the volume.</summary>
    public (int Z, int Y, int X) Centre(LabelVolume labels, Random rng)
    {
        var foreground = ForegroundIndex.GetValue(labels, Foreground);
        bool wantPositive = rng.NextDouble() < PositiveFraction;
        long index;
        if (wantPositive && foreground.Length > 0) index = foreground[rng.Next(foreground.Length)];
        else index = Background(labels, foreground.Length, rng);
        int w = labels.Width, h = labels.Height;
        return ((int)(index / ((long)w * h)), (int)(index / w % h), (int)(index % w));
    }

    static int[] Foreground(LabelVolume labels)
    {
        var list = new List<int>();
        var data = labels.Data;
        for (int i = 0; i < data.Length; i++) if (data[i] > 0) list.Add(i);
        return list.ToArray();
    }

    // Rejection sampling is uniform over background voxels and fast while background is common; when it is rare,
    // fall back to picking the k-th background voxel by a scan.
    static long Background(LabelVolume labels, int foregroundCount, Random rng)
    {
        var data = labels.Data;
        for (int attempt = 0; attempt < 64; attempt++)
        {
            int i = rng.Next(data.Length);
            if (data[i] <= 0) return i;
        }
        int backgroundCount = data.Length - foregroundCount;
        if (backgroundCount == 0) return rng.Next(data.Length);
        int k = rng.Next(backgroundCount);
        for (int i = 0; i < data.Length; i++)
            if (data[i] <= 0 && k-- == 0) return i;
        return 0;
    }
}
