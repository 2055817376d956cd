using Gtgm.Imaging;

namespace Gtgm.Transforms;

/// <summary>
/// Copies a box of a (c, z, y, x) array. The box may reach outside the source: voxels there take a fill
/// value, so one operation serves cropping, padding and crops of volumes smaller than the patch.
/// </summary>
public static class GridRegion
{
    /// <param name="start">First voxel of the box (z, y, x) in source indices; may be negative.</param>
    /// <param name="size">Box shape (z, y, x).</param>
    public static T[] Copy<T>(ReadOnlySpan<T> source, int channels, (int D, int H, int W) shape,
        (int Z, int Y, int X) start, (int D, int H, int W) size, T fill)
    {
        long outVoxels = (long)size.D * size.H * size.W, inVoxels = (long)shape.D * shape.H * shape.W;
        var result = new T[checked(channels * outVoxels)];
        if (!EqualityComparer<T>.Default.Equals(fill, default)) result.AsSpan().Fill(fill);
        // The part of the box that lies inside the source, as output x range [x0, x1) etc.
        int x0 = Math.Max(0, -start.X), x1 = Math.Min(size.W, shape.W - start.X);
        int y0 = Math.Max(0, -start.Y), y1 = Math.Min(size.H, shape.H - start.Y);
        int z0 = Math.Max(0, -start.Z), z1 = Math.Min(size.D, shape.D - start.Z);
        if (x1 <= x0 || y1 <= y0 || z1 <= z0) return result;
        int run = x1 - x0;
        for (int c = 0; c < channels; c++)
            for (int z = z0; z < z1; z++)
                for (int y = y0; y < y1; y++)
                {
                    long src = c * inVoxels + ((long)(z + start.Z) * shape.H + (y + start.Y)) * shape.W + x0 + start.X;
                    long dst = c * outVoxels + ((long)z * size.H + y) * size.W + x0;
                    source.Slice((int)src, run).CopyTo(result.AsSpan((int)dst, run));
                }
        return result;
    }

    /// <summary>The affine of a box starting at voxel <paramref name="start"/> (z, y, x) of a grid with <paramref name="affine"/>.</summary>
    public static double[] ShiftedAffine(double[] affine, (int Z, int Y, int X) start)
    {
        var result = (double[])affine.Clone();
        for (int r = 0; r < 3; r++)
            result[r * 4 + 3] += affine[r * 4] * start.X + affine[r * 4 + 1] * start.Y + affine[r * 4 + 2] * start.Z;
        return result;
    }

    public static Volume Crop(Volume v, (int Z, int Y, int X) start, (int D, int H, int W) size, float fill = 0)
    {
        var g = v.Geometry.WithShape(size.D, size.H, size.W, ShiftedAffine(v.Geometry.Affine, start));
        return v.With(g, v.Channels, Copy<float>(v.Data, v.Channels, (v.Depth, v.Height, v.Width), start, size, fill));
    }

    public static LabelVolume Crop(LabelVolume v, (int Z, int Y, int X) start, (int D, int H, int W) size, int fill = 0)
    {
        var g = v.Geometry.WithShape(size.D, size.H, size.W, ShiftedAffine(v.Geometry.Affine, start));
        return new LabelVolume(g, Copy<int>(v.Data, 1, (v.Depth, v.Height, v.Width), start, size, fill));
    }
}
