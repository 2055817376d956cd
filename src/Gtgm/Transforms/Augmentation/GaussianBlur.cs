namespace Gtgm.Transforms.Augmentation;

/// <summary>
/// Separable Gaussian smoothing of one (z, y, x) channel in place: a normalised kernel
/// <c>g(t) ∝ exp(−t² / 2σ²)</c>, truncated at 3σ, along x, then y, then z, with edge values repeated beyond the
/// border (so a constant stays constant). σ = 0 leaves an axis alone.
/// </summary>
public static class GaussianBlur
{
    public static void Apply(Span<float> data, (int D, int H, int W) shape, double sigmaZ, double sigmaY, double sigmaX)
    {
        if (data.Length != shape.D * shape.H * shape.W) throw new ArgumentException("Blur data does not match its shape.");
        Axis(data, shape.W, 1, Kernel(sigmaX), shape.D * shape.H);
        Axis(data, shape.H, shape.W, Kernel(sigmaY), shape.D);
        Axis(data, shape.D, shape.H * shape.W, Kernel(sigmaZ), 1);
    }

    public static float[] Kernel(double sigma)
    {
        if (sigma <= 0) return new[] { 1f };
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var k = new float[2 * radius + 1];
        double sum = 0;
        for (int t = -radius; t <= radius; t++) sum += k[t + radius] = (float)Math.Exp(-t * t / (2 * sigma * sigma));
        for (int i = 0; i < k.Length; i++) k[i] = (float)(k[i] / sum);
        return k;
    }

    // Convolves every line of length n along one axis. The data is `blocks` contiguous blocks of n × inner values;
    // within a block, the `inner` lines run side by side, so the z and y passes have a contiguous inner loop.
    static void Axis(Span<float> data, int n, int inner, float[] kernel, int blocks)
    {
        if (kernel.Length == 1 || n == 1) return;
        int radius = kernel.Length / 2;
        var line = new float[n * inner];
        for (int b = 0; b < blocks; b++)
        {
            var block = data.Slice(b * n * inner, n * inner);
            block.CopyTo(line);
            for (int i = 0; i < n; i++)
            {
                var dst = block.Slice(i * inner, inner);
                if (inner == 1)
                {
                    float sum = 0;
                    for (int t = -radius; t <= radius; t++) sum += kernel[t + radius] * line[Math.Clamp(i + t, 0, n - 1)];
                    dst[0] = sum;
                    continue;
                }
                dst.Clear();
                for (int t = -radius; t <= radius; t++)
                {
                    float weight = kernel[t + radius];
                    var src = line.AsSpan(Math.Clamp(i + t, 0, n - 1) * inner, inner);
                    for (int k = 0; k < inner; k++) dst[k] += weight * src[k];
                }
            }
        }
    }
}
