using Gtgm.Platform;

namespace Gtgm.Imaging.Phantoms;

/// <summary>
/// A grid of tissue classes that shapes are painted onto in order (later shapes cover earlier ones), then rendered
/// to intensities. The grid is axis-aligned in RAS with its centre at the world origin.
/// </summary>
sealed class PhantomCanvas
{
    public VolumeGeometry Geometry { get; }
    public byte[] Tissue { get; }
    readonly double _sx, _sy, _sz, _ox, _oy, _oz;

    public PhantomCanvas(int depth, int height, int width, double spacingZ, double spacingY, double spacingX, string unit = "mm")
    {
        _sx = spacingX; _sy = spacingY; _sz = spacingZ;
        _ox = -(width - 1) / 2.0 * spacingX; _oy = -(height - 1) / 2.0 * spacingY; _oz = -(depth - 1) / 2.0 * spacingZ;
        Geometry = new VolumeGeometry(depth, height, width, new[]
        {
            spacingX, 0, 0, _ox,
            0, spacingY, 0, _oy,
            0, 0, spacingZ, _oz,
            0, 0, 0, 1,
        }, unit);
        Tissue = new byte[Geometry.VoxelCount];
    }

    public int Depth => Geometry.Depth;
    public int Height => Geometry.Height;
    public int Width => Geometry.Width;

    public double X(int x) => _ox + x * _sx;
    public double Y(int y) => _oy + y * _sy;
    public double Z(int z) => _oz + z * _sz;

    /// <summary>Sets <paramref name="tissue"/> inside the shape, where <paramref name="over"/> allows the current class.</summary>
    public void Paint(DeformedEllipsoid shape, byte tissue, Func<byte, bool>? over = null)
    {
        var b = shape.Bounds;
        int x0 = Math.Max(0, (int)Math.Floor((b.X0 - _ox) / _sx)), x1 = Math.Min(Width - 1, (int)Math.Ceiling((b.X1 - _ox) / _sx));
        int y0 = Math.Max(0, (int)Math.Floor((b.Y0 - _oy) / _sy)), y1 = Math.Min(Height - 1, (int)Math.Ceiling((b.Y1 - _oy) / _sy));
        int z0 = Math.Max(0, (int)Math.Floor((b.Z0 - _oz) / _sz)), z1 = Math.Min(Depth - 1, (int)Math.Ceiling((b.Z1 - _oz) / _sz));
        if (x1 < x0 || y1 < y0 || z1 < z0) return;
        Parallel.For(z0, z1 + 1, z =>
        {
            double wz = Z(z);
            for (int y = y0; y <= y1; y++)
            {
                double wy = Y(y);
                long row = ((long)z * Height + y) * Width;
                for (int x = x0; x <= x1; x++)
                {
                    long i = row + x;
                    if (over != null && !over(Tissue[i])) continue;
                    if (shape.Contains(X(x), wy, wz)) Tissue[i] = tissue;
                }
            }
        });
    }

    /// <summary>
    /// Runs <paramref name="slice"/>(z, rng) for every z slice in parallel, each slice with its own random stream,
    /// so the result depends on the seed only, never on scheduling.
    /// </summary>
    public void ForEachSlice(int seed, string stream, Action<int, Random> slice) =>
        Parallel.For(0, Depth, z => slice(z, Rng.Stream(seed, stream, z)));
}
