using Gtgm.Platform;
using Gtgm.Transforms.Augmentation;

namespace Gtgm.Imaging.Phantoms;

/// <summary>
/// Serial-section EM of neuropil at 40 × 4 × 4 nm (z, y, x), intensities 0..255 as an 8-bit camera records them.
/// Cells are the Voronoi regions of jittered seeds under a metric that shrinks z (so neurites run through many
/// sections), with the xy coordinates warped by a smooth field that drifts with z (so they meander). A voxel whose
/// distance to the bisector with the second-nearest seed is under half the membrane thickness is membrane (dark).
/// Inside cells: per-cell cytoplasm tone, mitochondria (dark, elongated, with texture) in ~35 % of cells, vesicle
/// clouds in ~20 %; then the point spread of the microscope and shot-like noise. Labels are instance ids ≥ 1 per
/// cell and 0 on membranes (the CREMI/neuron-id convention for boundaries).
/// </summary>
public static class EmNeuropilPhantom
{
    /// <summary>Mean cell diameter in x/y voxels.</summary>
    public const double CellSize = 26;
    const double SectionsPerCell = 5;

    public static Phantom Generate((int D, int H, int W) size, int seed)
    {
        PhantomGenerator.RequireSize(size, 4);
        var rng = Rng.Stream(seed, "phantom-em");
        double U(double a, double b) => a + (b - a) * rng.NextDouble();
        double cz = SectionsPerCell, cxy = CellSize * U(0.85, 1.15);
        // Metric scale that makes one lattice step in z (cz sections) as "long" as one in xy (cxy voxels).
        double zScale = cxy / cz;
        int gz = (int)Math.Ceiling(size.D / cz) + 2, gy = (int)Math.Ceiling(size.H / cxy) + 2, gx = (int)Math.Ceiling(size.W / cxy) + 2;

        // One seed per lattice cell (padded by one cell on each side), with its organelles.
        int cells = gz * gy * gx;
        var seeds = new (double X, double Y, double Z)[cells];
        var tone = new float[cells];
        var mito = new (bool Has, double X, double Y, double Z, double R, double Rz)[cells];
        var vesicles = new bool[cells];
        for (int k = 0; k < cells; k++)
        {
            int iz = k / (gy * gx), iy = k / gx % gy, ix = k % gx;
            seeds[k] = ((ix - 1 + U(0.1, 0.9)) * cxy, (iy - 1 + U(0.1, 0.9)) * cxy, (iz - 1 + U(0.1, 0.9)) * cz * zScale);
            tone[k] = (float)U(-22, 22);
            bool hasMito = rng.NextDouble() < 0.35;
            mito[k] = (hasMito, seeds[k].X + U(-4, 4), seeds[k].Y + U(-4, 4), seeds[k].Z + U(-10, 10), U(3, 6), U(10, 30));
            vesicles[k] = rng.NextDouble() < 0.2;
        }

        var warpX = new ValueNoise(rng.Next(), 60, 60, 25);
        var warpY = new ValueNoise(rng.Next(), 60, 60, 25);
        // A finer warp bends the otherwise straight Voronoi faces into the wavy outlines of real neurites.
        var wiggleX = new ValueNoise(rng.Next(), 12, 12, 6);
        var wiggleY = new ValueNoise(rng.Next(), 12, 12, 6);
        var membraneJitter = new ValueNoise(rng.Next(), 8, 8, 4);
        var vesicleField = new ValueNoise(rng.Next(), 2.5, 2.5, 1.2);
        var cristae = new ValueNoise(rng.Next(), 2, 2, 1);
        double warp = U(0.3, 0.5) * cxy, wiggle = U(2, 4), membrane = U(1.2, 1.8), cytoplasm = U(150, 185), membraneTone = U(35, 70);
        double noise = U(8, 16);
        int noiseSeed = rng.Next();

        var image = new float[(long)size.D * size.H * size.W];
        var labels = new int[image.Length];
        int plane = size.H * size.W;
        Parallel.For(0, size.D, z =>
        {
            for (int y = 0, i = z * plane; y < size.H; y++)
                for (int x = 0; x < size.W; x++, i++)
                {
                    double px = x + warp * warpX.Sample(x, y, z) + wiggle * wiggleX.Sample(x, y, z);
                    double py = y + warp * warpY.Sample(x, y, z) + wiggle * wiggleY.Sample(x, y, z), pz = z * zScale;
                    int ix = (int)Math.Floor(px / cxy) + 1, iy = (int)Math.Floor(py / cxy) + 1, iz = (int)Math.Floor(pz / (cz * zScale)) + 1;
                    int best = -1, second = -1;
                    double d1 = double.MaxValue, d2 = double.MaxValue;
                    for (int kz = Math.Max(0, iz - 1); kz <= Math.Min(gz - 1, iz + 1); kz++)
                        for (int ky = Math.Max(0, iy - 1); ky <= Math.Min(gy - 1, iy + 1); ky++)
                            for (int kx = Math.Max(0, ix - 1); kx <= Math.Min(gx - 1, ix + 1); kx++)
                            {
                                int k = (kz * gy + ky) * gx + kx;
                                var s = seeds[k];
                                double d = (s.X - px) * (s.X - px) + (s.Y - py) * (s.Y - py) + (s.Z - pz) * (s.Z - pz);
                                if (d < d1) { d2 = d1; second = best; d1 = d; best = k; }
                                else if (d < d2) { d2 = d; second = k; }
                            }
                    var a = seeds[best];
                    var b = seeds[second];
                    double gap = Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y) + (a.Z - b.Z) * (a.Z - b.Z));
                    double toBisector = (d2 - d1) / (2 * gap);
                    double halfThickness = membrane * (1 + 0.4 * membraneJitter.Sample(x, y, z));
                    if (toBisector < halfThickness)
                    {
                        image[i] = (float)(membraneTone + 40 * toBisector / halfThickness);
                        labels[i] = 0;
                        continue;
                    }
                    labels[i] = best + 1;
                    double v = cytoplasm + tone[best];
                    var m = mito[best];
                    if (m.Has)
                    {
                        double u = ((px - m.X) * (px - m.X) + (py - m.Y) * (py - m.Y)) / (m.R * m.R) + (pz - m.Z) * (pz - m.Z) / (m.Rz * m.Rz);
                        if (u < 1) v = u > 0.7 ? 60 : 100 + 25 * cristae.Sample(x, y, z);
                    }
                    if (vesicles[best] && vesicleField.Sample(x, y, z) > 0.55) v -= 55;
                    image[i] = (float)v;
                }
        });
        GaussianBlur.Apply(image, size, 0.3, 0.9, 0.9);
        Parallel.For(0, size.D, z =>
            RandomGaussianNoise.AddNoise(image.AsSpan(z * plane, plane), (float)noise, Rng.Stream(noiseSeed, "em-noise", z)));
        for (int i = 0; i < image.Length; i++) image[i] = Math.Clamp(MathF.Round(image[i]), 0, 255);

        var geometry = VolumeGeometry.Axial(size.D, size.H, size.W, 40, 4, 4, "nm");
        LabelNumbering.ByFirstVoxel(labels); // so ids do not reveal the lattice
        return new Phantom(new Volume(geometry, 1, image, Modality.EM), new LabelVolume(geometry, labels),
            new Dictionary<int, string> { [0] = "membrane" });
    }
}
