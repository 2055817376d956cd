namespace Gtgm.Transforms.Augmentation;

/// <summary>
/// Random rescale about the patch centre, keeping the patch shape: a zoom factor f ~ U(MinZoom, MaxZoom) (same on
/// every axis); output index o samples the input at <c>c + (o − c) / f</c>, c = (n − 1)/2, trilinear for the image
/// and nearest for labels. f &gt; 1 magnifies (the border is cropped away); f &lt; 1 shrinks (edges repeat).
/// </summary>
public sealed class RandomZoom(double minZoom = 0.85, double maxZoom = 1.15) : IAugmentation
{
    public Patch Apply(Patch patch, Random rng)
    {
        double f = minZoom + (maxZoom - minZoom) * rng.NextDouble();
        return Zoom(patch, f);
    }

    public static Patch Zoom(Patch patch, double factor)
    {
        double[] zs = Positions(patch.Depth, factor), ys = Positions(patch.Height, factor), xs = Positions(patch.Width, factor);
        var image = new float[patch.Image.Length];
        for (int c = 0; c < patch.Channels; c++)
            GridSampling.Trilinear(patch.Channel(c), patch.Shape, zs, ys, xs, image.AsSpan(c * patch.VoxelsPerChannel, patch.VoxelsPerChannel));
        int[]? labels = null;
        if (patch.Labels != null)
        {
            labels = new int[patch.Labels.Length];
            GridSampling.Nearest<int>(patch.Labels, patch.Shape, zs, ys, xs, labels);
        }
        return new Patch(image, patch.Channels, patch.Depth, patch.Height, patch.Width, labels);
    }

    static double[] Positions(int n, double factor)
    {
        var p = new double[n];
        double c = (n - 1) / 2.0;
        for (int o = 0; o < n; o++) p[o] = c + (o - c) / factor;
        return p;
    }
}
