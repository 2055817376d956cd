namespace Gtgm.Transforms.Augmentation;

/// <summary>
/// <c>v′ = v · (1 + a) + b</c> with a ~ U(−Scale, Scale) and b ~ U(−Shift, Shift), one draw per patch
/// (MONAI <c>RandScaleIntensity</c> followed by <c>RandShiftIntensity</c>).
/// </summary>
public sealed class RandomScaleShift(float scale = 0.1f, float shift = 0.1f) : IAugmentation
{
    public Patch Apply(Patch patch, Random rng)
    {
        float factor = 1 + scale * (float)(2 * rng.NextDouble() - 1);
        float offset = shift * (float)(2 * rng.NextDouble() - 1);
        var data = patch.Image.AsSpan();
        for (int i = 0; i < data.Length; i++) data[i] = data[i] * factor + offset;
        return patch;
    }
}

/// <summary>Adds zero-mean Gaussian noise with σ ~ U(0, MaxStd) drawn once per patch (MONAI <c>RandGaussianNoise</c>).</summary>
public sealed class RandomGaussianNoise(float maxStd = 0.1f) : IAugmentation
{
    public Patch Apply(Patch patch, Random rng)
    {
        float std = maxStd * (float)rng.NextDouble();
        AddNoise(patch.Image, std, rng);
        return patch;
    }

    /// <summary>Adds N(0, std²) to every value (Box–Muller, two normals per pair of uniforms).</summary>
    public static void AddNoise(Span<float> data, float std, Random rng)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            var (a, b) = NormalPair(rng);
            data[i] += std * a;
            data[i + 1] += std * b;
        }
        if (i < data.Length) data[i] += std * NormalPair(rng).A;
    }

    public static (float A, float B) NormalPair(Random rng)
    {
        double u = 1.0 - rng.NextDouble(), v = rng.NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u));
        return ((float)(r * Math.Cos(2 * Math.PI * v)), (float)(r * Math.Sin(2 * Math.PI * v)));
    }
}

/// <summary>Gaussian blur with σ ~ U(MinSigma, MaxSigma) voxels, the same σ on every axis (MONAI <c>RandGaussianSmooth</c>).</summary>
public sealed class RandomGaussianBlur(double minSigma = 0.5, double maxSigma = 1.0) : IAugmentation
{
    public Patch Apply(Patch patch, Random rng)
    {
        double sigma = minSigma + (maxSigma - minSigma) * rng.NextDouble();
        for (int c = 0; c < patch.Channels; c++) GaussianBlur.Apply(patch.Channel(c), patch.Shape, sigma, sigma, sigma);
        return patch;
    }
}
