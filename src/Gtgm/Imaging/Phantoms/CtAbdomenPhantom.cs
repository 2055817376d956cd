using Gtgm.Platform;
using Gtgm.Transforms.Augmentation;

namespace Gtgm.Imaging.Phantoms;

/// <summary>
/// A contrast-enhanced (portal venous) abdominal CT in Hounsfield units. The field of view is 380 mm in-plane and
/// 250 mm along z, so spacing = FOV / size (for 64 × 128 × 128: 3.9 × 3.0 × 3.0 mm, coarser in z as in clinical CT).
/// Anatomy, in RAS (liver on the patient's right = +x, spleen left, kidneys and spine posterior = −y):
/// an air background; a body outline of subcutaneous fat, an abdominal muscle wall and visceral fat; bowel loops with gas;
/// a vertebral column (cortical shell, cancellous core); aorta and vena cava; psoas muscles; both kidneys with sinus fat;
/// the spleen; the liver with hepatic veins; and 0–4 hypo- or hyperdense liver lesions. Every organ is a randomly
/// deformed ellipsoid whose position, size, rotation and contrast vary per seed; liver, spleen, muscle and bowel
/// overlap in intensity once noise (σ 12–25 HU) is added, so labels must be found from shape and position.
/// <para>Labels: 0 background, 1 liver (incl. its veins), 2 kidney, 3 spleen, 4 liver lesion.</para>
/// </summary>
public static class CtAbdomenPhantom
{
    public static readonly IReadOnlyDictionary<int, string> LabelNames = new Dictionary<int, string>
    {
        [0] = "background", [1] = "liver", [2] = "kidney", [3] = "spleen", [4] = "lesion",
    };

    // Tissue classes painted on the canvas.
    const byte Air = 0, Fat = 1, Muscle = 2, VisceralFat = 3, Bowel = 4, Gas = 5, Cortical = 6, Cancellous = 7,
        Vessel = 8, Kidney = 9, SinusFat = 10, Spleen = 11, Liver = 12, HepaticVein = 13, Lesion = 14;

    public static Phantom Generate((int D, int H, int W) size, int seed)
    {
        PhantomGenerator.RequireSize(size, 8);
        var rng = Rng.Stream(seed, "phantom-ct");
        double sxy = 380.0 / Math.Max(size.H, size.W), sz = 250.0 / size.D;
        var canvas = new PhantomCanvas(size.D, size.H, size.W, sz, sxy, sxy);
        double U(double a, double b) => a + (b - a) * rng.NextDouble();

        // Body wall: fat, then muscle, then the visceral cavity, as nested ellipses that run the whole z range.
        double bx = U(135, 165), by = U(95, 120), cy = U(-15, 0), fat = U(8, 25), wall = U(8, 14);
        canvas.Paint(new DeformedEllipsoid(rng, (0, cy, 0), (bx, by, 900), U(-0.05, 0.05), 0.06, 90), Fat);
        canvas.Paint(new DeformedEllipsoid(rng, (0, cy, 0), (bx - fat, by - fat, 900), 0, 0.06, 90), Muscle);
        canvas.Paint(new DeformedEllipsoid(rng, (0, cy, 0), (bx - fat - wall, by - fat - wall, 900), 0, 0.08, 80), VisceralFat);
        bool InCavity(byte t) => t is VisceralFat or Bowel or Gas;

        // Bowel loops (anterior and central) with gas pockets.
        int loops = rng.Next(10, 20);
        for (int i = 0; i < loops; i++)
        {
            var centre = (U(-0.6, 0.6) * bx, cy + U(-0.1, 0.8) * by, U(-125, 125));
            var loop = new DeformedEllipsoid(rng, centre, (U(12, 28), U(12, 28), U(15, 40)), U(0, Math.PI), 0.3);
            canvas.Paint(loop, Bowel, InCavity);
            if (rng.NextDouble() < 0.5)
                canvas.Paint(new DeformedEllipsoid(rng, centre, (U(4, 10), U(4, 10), U(5, 12)), 0, 0.3), Gas, t => t == Bowel);
        }

        // Spine and great vessels, posterior midline.
        double spineY = cy - by * U(0.55, 0.62), spineR = U(16, 22);
        canvas.Paint(new DeformedEllipsoid(rng, (0, spineY, 0), (spineR + 3, spineR + 1, 900), 0, 0.05, 20), Cortical);
        canvas.Paint(new DeformedEllipsoid(rng, (0, spineY, 0), (spineR, spineR - 2, 900), 0, 0.05, 20), Cancellous);
        canvas.Paint(new DeformedEllipsoid(rng, (0, spineY - spineR - 14, 0), (8, 14, 900), 0, 0.1, 15), Cortical);
        canvas.Paint(new DeformedEllipsoid(rng, (-U(12, 22), spineY + spineR + 8, 0), (10, 10, 900), 0, 0.05, 30), Vessel, InCavity);
        canvas.Paint(new DeformedEllipsoid(rng, (U(18, 28), spineY + spineR + 6, 0), (11, 9, 900), 0, 0.1, 30), Vessel, InCavity);
        foreach (int side in new[] { -1, 1 })
            canvas.Paint(new DeformedEllipsoid(rng, (side * (spineR + 18), spineY + 2, -60), (15, 16, 120), side * 0.2, 0.1), Muscle, InCavity);

        // Kidneys, either side of the spine, with renal sinus fat at the hilum.
        foreach (int side in new[] { -1, 1 })
        {
            var centre = (side * U(60, 80), spineY + U(5, 20), U(-60, -10));
            var radii = (U(22, 32), U(18, 26), U(40, 60));
            canvas.Paint(new DeformedEllipsoid(rng, centre, radii, side * U(0.3, 0.7), 0.12), Kidney, InCavity);
            var hilum = (centre.Item1 - side * radii.Item1 * 0.35, centre.Item2 + radii.Item2 * 0.2, centre.Item3);
            canvas.Paint(new DeformedEllipsoid(rng, hilum, (radii.Item1 * 0.4, radii.Item2 * 0.35, radii.Item3 * 0.5), 0, 0.2), SinusFat, t => t == Kidney);
        }

        // Spleen (left, posterior, upper) and liver (right, upper, large).
        canvas.Paint(new DeformedEllipsoid(rng, (-bx * U(0.5, 0.65), cy - by * U(0.2, 0.4), U(20, 70)), (U(25, 40), U(40, 60), U(35, 60)),
            U(-0.8, -0.3), 0.18), Spleen, InCavity);
        double lx = bx * U(0.3, 0.45), ly = cy + U(-20, 15), lz = U(30, 70);
        var liverRadii = (U(85, 110), U(70, 90), U(65, 95));
        canvas.Paint(new DeformedEllipsoid(rng, (lx, ly, lz), liverRadii, U(-0.3, 0.3), 0.25), Liver, InCavity);
        for (int i = rng.Next(2, 5); i > 0; i--)
            canvas.Paint(new DeformedEllipsoid(rng, (lx + U(-40, 40), ly + U(-30, 30), lz + U(-30, 30)), (U(3, 6), U(3, 6), U(25, 50)),
                U(0, Math.PI), 0.2), HepaticVein, t => t == Liver);
        for (int i = rng.Next(0, 5); i > 0; i--)
        {
            double r = U(5, 22);
            canvas.Paint(new DeformedEllipsoid(rng, (lx + U(-0.6, 0.6) * liverRadii.Item1, ly + U(-0.5, 0.5) * liverRadii.Item2,
                lz + U(-0.5, 0.5) * liverRadii.Item3), (r * U(0.8, 1.2), r * U(0.8, 1.2), r * U(0.8, 1.2)), 0, 0.2), Lesion, t => t is Liver or HepaticVein);
        }

        // Contrast: the soft tissues sit within ~40 HU of each other, so noise alone blurs them together.
        double liverHu = U(55, 110);
        var mean = new double[15];
        mean[Air] = -1000; mean[Fat] = U(-115, -85); mean[VisceralFat] = mean[Fat] + U(-10, 10); mean[Muscle] = U(40, 60);
        mean[Bowel] = U(20, 60); mean[Gas] = -950; mean[Cortical] = U(500, 900); mean[Cancellous] = U(180, 300);
        mean[Vessel] = U(140, 200); mean[Kidney] = U(140, 200); mean[SinusFat] = mean[Fat] + 30; mean[Liver] = liverHu;
        mean[HepaticVein] = liverHu + U(30, 70); mean[Spleen] = liverHu + U(-20, 20);
        mean[Lesion] = rng.NextDouble() < 0.8 ? liverHu - U(25, 50) : liverHu + U(25, 45);
        var texture = new double[15];
        foreach (var t in new[] { Fat, VisceralFat, Muscle, Liver, Spleen, Kidney, Lesion }) texture[t] = 8;
        texture[Bowel] = 25; texture[Cortical] = 120; texture[Cancellous] = 60;
        double noise = U(12, 25);
        var textureField = new ValueNoise(rng.Next(), 12);
        int noiseSeed = rng.Next();

        var image = new float[canvas.Geometry.VoxelCount];
        var labels = new int[image.Length];
        var tissue = canvas.Tissue;
        int w = size.W, plane = size.H * size.W;
        canvas.ForEachSlice(noiseSeed, "texture", (z, _) =>
        {
            for (int y = 0, i = z * plane; y < size.H; y++)
                for (int x = 0; x < w; x++, i++)
                {
                    byte t = tissue[i];
                    image[i] = (float)(mean[t] + (texture[t] > 0 ? texture[t] * textureField.Sample(canvas.X(x), canvas.Y(y), canvas.Z(z)) : 0));
                    labels[i] = t switch { Liver or HepaticVein => 1, Kidney => 2, Spleen => 3, Lesion => 4, _ => 0 };
                }
        });
        // Scanner point spread, then quantum noise (after blurring, as in a real reconstruction).
        GaussianBlur.Apply(image, size, 0.5, 0.7, 0.7);
        canvas.ForEachSlice(noiseSeed, "noise", (z, r) => RandomGaussianNoise.AddNoise(image.AsSpan(z * plane, plane), (float)noise, r));
        for (int i = 0; i < image.Length; i++) image[i] = MathF.Max(-1024, MathF.Round(image[i]));

        var geometry = canvas.Geometry;
        return new Phantom(new Volume(geometry, 1, image, Modality.CT), new LabelVolume(geometry, labels), LabelNames);
    }
}
