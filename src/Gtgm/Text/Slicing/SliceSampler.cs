using Gtgm.Imaging;

namespace Gtgm.Text.Slicing;

/// <summary>
/// Picks random 2-D slices of a volume for captioning. Slice indices are drawn uniformly; a slice whose
/// content (pixels brighter than <see cref="ContentGrey"/> after windowing) covers less than
/// <see cref="MinContentFraction"/> is redrawn, up to <see cref="Attempts"/> times, after which the slice
/// with the most content seen is used, so an almost empty volume still yields a slice.
/// </summary>
public sealed class SliceSampler
{
    /// <summary>Grey level (of 255) above which a pixel counts as content rather than background.</summary>
    public const byte ContentGrey = 12;

    public double MinContentFraction { get; init; } = 0.05;
    public int Attempts { get; init; } = 16;

    /// <summary>
    /// Draws one slice. <paramref name="size"/> is the captioner's square input side (null: native resolution).
    /// Indices in <paramref name="exclude"/> (slices already used for this volume) are not drawn while others remain.
    /// <paramref name="window"/> defaults to <see cref="IntensityWindow.For"/>; pass it to sample one volume repeatedly
    /// without recomputing its percentiles.
    /// </summary>
    public SliceImage Sample(Volume volume, SliceAxis axis, Random random, int? size = null, IReadOnlySet<int>? exclude = null,
        IntensityWindow? window = null, int channel = 0)
    {
        var w = window ?? IntensityWindow.For(volume, channel);
        int count = SliceCount(volume, axis);
        var candidates = Enumerable.Range(0, count).Where(i => exclude is null || !exclude.Contains(i)).ToArray();
        if (candidates.Length == 0) candidates = Enumerable.Range(0, count).ToArray();
        int best = -1;
        double bestContent = -1;
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            int index = candidates[random.Next(candidates.Length)];
            double content = ContentFraction(Extract(volume, axis, index, channel), w);
            if (content >= MinContentFraction) return Render(volume, axis, index, w, size, channel);
            if (content > bestContent) { best = index; bestContent = content; }
        }
        return Render(volume, axis, best, w, size, channel);
    }

    /// <summary>Renders one given slice (windowed, resized).</summary>
    public static SliceImage Render(Volume volume, SliceAxis axis, int index, IntensityWindow window, int? size = null, int channel = 0)
    {
        if (index < 0 || index >= SliceCount(volume, axis))
            throw new ArgumentOutOfRangeException(nameof(index), $"{axis.Name()} slice {index} is outside a volume of {volume.Geometry}.");
        var plane = Extract(volume, axis, index, channel);
        var (rowAxis, columnAxis) = PlaneAxes(axis);
        var spacing = volume.Geometry.Spacing; // (z, y, x)
        int height = plane.Height, width = plane.Width;
        double rowSpacing = spacing[2 - rowAxis], columnSpacing = spacing[2 - columnAxis];
        float[] values = plane.Values;
        if (size is int s && (s != height || s != width))
        {
            values = BilinearResize.Resize(values, height, width, s, s);
            rowSpacing *= (double)height / s;
            columnSpacing *= (double)width / s;
            height = width = s;
        }
        var pixels = new byte[values.Length];
        for (int i = 0; i < values.Length; i++) pixels[i] = window.ToGrey(values[i]);
        return new SliceImage(pixels, height, width, volume.Modality, axis, index, rowSpacing, columnSpacing,
            volume.Geometry.Unit, window, Direction(volume.Geometry, rowAxis), Direction(volume.Geometry, columnAxis));
    }

    public static int SliceCount(Volume volume, SliceAxis axis) => axis switch
    {
        SliceAxis.Axial => volume.Depth,
        SliceAxis.Coronal => volume.Height,
        _ => volume.Width,
    };

    static double ContentFraction(Plane plane, IntensityWindow window)
    {
        int content = 0;
        foreach (float v in plane.Values) if (window.ToGrey(v) > ContentGrey) content++;
        return (double)content / plane.Values.Length;
    }

    // Voxel index axes (0 = x/i, 1 = y/j, 2 = z/k) running along the rows and the columns of a slice.
    static (int Row, int Column) PlaneAxes(SliceAxis axis) => axis switch
    {
        SliceAxis.Axial => (1, 0),
        SliceAxis.Coronal => (2, 0),
        _ => (2, 1),
    };

    static double[] Direction(VolumeGeometry geometry, int voxelAxis)
    {
        var a = geometry.Affine;
        double x = a[voxelAxis], y = a[4 + voxelAxis], z = a[8 + voxelAxis];
        double n = Math.Sqrt(x * x + y * y + z * z);
        return n > 0 ? new[] { x / n, y / n, z / n } : new double[3];
    }

    readonly record struct Plane(float[] Values, int Height, int Width);

    static Plane Extract(Volume volume, SliceAxis axis, int index, int channel)
    {
        var data = volume.Channel(channel);
        int d = volume.Depth, h = volume.Height, w = volume.Width;
        switch (axis)
        {
            case SliceAxis.Axial:
                return new(data.Slice(index * h * w, h * w).ToArray(), h, w);
            case SliceAxis.Coronal:
            {
                var values = new float[d * w];
                for (int z = 0; z < d; z++) data.Slice((z * h + index) * w, w).CopyTo(values.AsSpan(z * w, w));
                return new(values, d, w);
            }
            default:
            {
                var values = new float[d * h];
                for (int z = 0; z < d; z++)
                    for (int y = 0; y < h; y++) values[z * h + y] = data[(z * h + y) * w + index];
                return new(values, d, h);
            }
        }
    }
}
