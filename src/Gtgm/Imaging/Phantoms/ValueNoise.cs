namespace Gtgm.Imaging.Phantoms;

/// <summary>
/// Smooth random field in [−1, 1]: random values at the corners of a lattice with the given cell size, blended
/// with smoothstep weights. The values come from a hash of (seed, lattice corner), so the field needs no storage,
/// works at any resolution, and is identical whichever thread samples it.
/// </summary>
sealed class ValueNoise(int seed, double cellX, double cellY, double cellZ)
{
    public ValueNoise(int seed, double cell) : this(seed, cell, cell, cell) { }

    public double Sample(double x, double y, double z)
    {
        double fx = x / cellX, fy = y / cellY, fz = z / cellZ;
        long ix = (long)Math.Floor(fx), iy = (long)Math.Floor(fy), iz = (long)Math.Floor(fz);
        double tx = Smooth(fx - ix), ty = Smooth(fy - iy), tz = Smooth(fz - iz);
        double c00 = Lerp(Corner(ix, iy, iz), Corner(ix + 1, iy, iz), tx);
        double c10 = Lerp(Corner(ix, iy + 1, iz), Corner(ix + 1, iy + 1, iz), tx);
        double c01 = Lerp(Corner(ix, iy, iz + 1), Corner(ix + 1, iy, iz + 1), tx);
        double c11 = Lerp(Corner(ix, iy + 1, iz + 1), Corner(ix + 1, iy + 1, iz + 1), tx);
        return Lerp(Lerp(c00, c10, ty), Lerp(c01, c11, ty), tz);
    }

    static double Smooth(double t) => t * t * (3 - 2 * t);

    static double Lerp(double a, double b, double t) => a + (b - a) * t;

    double Corner(long x, long y, long z)
    {
        ulong h = (ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)x * 0xBF58476D1CE4E5B9UL ^ (ulong)y * 0x94D049BB133111EBUL ^ (ulong)z * 0xD6E8FEB86659FD93UL;
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return (h >> 11) * (2.0 / (1UL << 53)) - 1;
    }
}
