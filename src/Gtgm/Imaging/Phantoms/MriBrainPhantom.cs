using Gtgm.Platform;

namespace Gtgm.Imaging.Phantoms;

/// <summary>
/// A T1-weighted head MRI (arbitrary scanner units, white matter ≈ 800). Isotropic spacing chosen so a
/// 170 × 200 × 160 mm head fits (1.25 mm at 160³, 3.1 mm at 64³). From outside in: scalp (bright fat), skull
/// (dark), an outer CSF layer, cortical grey matter folded by sulci filled with CSF, white matter with a gyral
/// boundary, deep grey nuclei, and two lateral ventricles. Shapes, sizes and contrasts vary per seed; a smooth
/// multiplicative bias field (±20–35 %) and Rician noise (magnitude of a complex Gaussian signal) are applied, so
/// a tissue's intensity drifts across the volume and overlaps its neighbour's.
/// <para>Labels: 0 background (air, scalp, skull), 1 CSF (outer and sulcal), 2 grey matter, 3 white matter, 4 ventricles.</para>
/// </summary>
public static class MriBrainPhantom
{
    public static readonly IReadOnlyDictionary<int, string> LabelNames = new Dictionary<int, string>
    {
        [0] = "background", [1] = "CSF", [2] = "grey matter", [3] = "white matter", [4] = "ventricles",
    };

    const byte Air = 0, Scalp = 1, Skull = 2, Csf = 3, Grey = 4, White = 5, Ventricle = 6, DeepGrey = 7;

    public static Phantom Generate((int D, int H, int W) size, int seed)
    {
        PhantomGenerator.RequireSize(size, 8);
        var rng = Rng.Stream(seed, "phantom-mri");
        double U(double a, double b) => a + (b - a) * rng.NextDouble();
        double spacing = Math.Max(170.0 / size.D, Math.Max(200.0 / size.H, 160.0 / size.W));
        var canvas = new PhantomCanvas(size.D, size.H, size.W, spacing, spacing, spacing);

        // Head layers as nested, jointly deformed ellipsoids.
        double hx = U(68, 76), hy = U(86, 96), hz = U(72, 82), scalp = U(4, 7), skull = U(4, 7), csf = U(2, 4);
        (double, double, double) Shrink(double by) => (hx - by, hy - by, hz - by);
        var centre = (0.0, U(-4, 4), U(-6, 2));
        canvas.Paint(new DeformedEllipsoid(rng, centre, (hx, hy, hz), 0, 0.05, 60), Scalp);
        canvas.Paint(new DeformedEllipsoid(rng, centre, Shrink(scalp), 0, 0.04, 60), Skull);
        canvas.Paint(new DeformedEllipsoid(rng, centre, Shrink(scalp + skull), 0, 0.04, 60), Csf);
        var brain = new DeformedEllipsoid(rng, centre, Shrink(scalp + skull + csf), 0, 0.05, 50);
        canvas.Paint(brain, Grey);

        // White matter: a smaller ellipsoid whose surface is folded by a finer field (gyri).
        double cortex = U(0.78, 0.84);
        var (bx, by, bz) = Shrink(scalp + skull + csf);
        canvas.Paint(new DeformedEllipsoid(rng, centre, (bx * cortex, by * cortex, bz * cortex), 0, 0.3, 6), White, t => t == Grey);

        // Sulci: thin CSF sheets where a fine field is near zero inside the cortical shell.
        var sulcus = new ValueNoise(rng.Next(), 12, 12, 12);
        double width = U(0.08, 0.12);
        var tissue = canvas.Tissue;
        Parallel.For(0, size.D, z =>
        {
            for (int y = 0, i = z * size.H * size.W; y < size.H; y++)
                for (int x = 0; x < size.W; x++, i++)
                    if (tissue[i] == Grey && Math.Abs(sulcus.Sample(canvas.X(x), canvas.Y(y), canvas.Z(z))) < width
                        && brain.Level(canvas.X(x), canvas.Y(y), canvas.Z(z)) > -0.35)
                        tissue[i] = Csf;
        });

        // Deep grey nuclei, then the lateral ventricles (paired, slightly asymmetric) beside the midline.
        foreach (int side in new[] { -1, 1 })
            canvas.Paint(new DeformedEllipsoid(rng, (side * U(12, 18), centre.Item2 - U(5, 12), centre.Item3 + U(-5, 5)), (U(8, 12), U(12, 18), U(9, 13)),
                side * 0.2, 0.15), DeepGrey, t => t == White);
        double vz = centre.Item3 + U(8, 16);
        foreach (int side in new[] { -1, 1 })
            canvas.Paint(new DeformedEllipsoid(rng, (side * U(5, 9), centre.Item2 + U(-4, 4), vz), (U(4, 7), U(22, 32), U(6, 10)),
                side * U(0.05, 0.2), 0.3, 8), Ventricle, t => t is White or DeepGrey or Grey);

        var mean = new double[8];
        mean[Air] = 0; mean[Scalp] = U(700, 1000); mean[Skull] = U(60, 140); mean[Csf] = U(180, 300);
        mean[White] = U(760, 840); mean[Grey] = mean[White] * U(0.62, 0.75); mean[DeepGrey] = mean[Grey] * U(1.05, 1.2);
        mean[Ventricle] = mean[Csf] * U(0.9, 1.05);
        var bias = new ValueNoise(rng.Next(), 90);
        var texture = new ValueNoise(rng.Next(), 6);
        double biasStrength = U(0.2, 0.35), sigma = U(20, 40);
        int noiseSeed = rng.Next();

        var image = new float[canvas.Geometry.VoxelCount];
        var labels = new int[image.Length];
        canvas.ForEachSlice(noiseSeed, "rician", (z, r) =>
        {
            for (int y = 0, i = z * size.H * size.W; y < size.H; y++)
                for (int x = 0; x < size.W; x++, i++)
                {
                    byte t = tissue[i];
                    double wx = canvas.X(x), wy = canvas.Y(y), wz = canvas.Z(z);
                    double signal = mean[t] * (1 + 0.04 * texture.Sample(wx, wy, wz)) * Math.Exp(biasStrength * bias.Sample(wx, wy, wz));
                    // Rician: the magnitude of the signal plus complex Gaussian noise.
                    var (nr, ni) = Transforms.Augmentation.RandomGaussianNoise.NormalPair(r);
                    double re = signal + sigma * nr, im = sigma * ni;
                    image[i] = (float)Math.Sqrt(re * re + im * im);
                    labels[i] = t switch { Csf => 1, Grey or DeepGrey => 2, White => 3, Ventricle => 4, _ => 0 };
                }
        });
        var geometry = canvas.Geometry;
        return new Phantom(new Volume(geometry, 1, image, Modality.MRI), new LabelVolume(geometry, labels), LabelNames);
    }
}
