using Gtgm.Imaging;

namespace Gtgm.Transforms.Preprocessing;

/// <summary>Per-modality intensity normalisation. Each returns a new volume; the geometry is unchanged.</summary>
public static class IntensityNormalization
{
    /// <summary>
    /// CT windowing: <c>v′ = (clip(v, lower, upper) − lower) / (upper − lower)</c>, so the window maps to 0..1
    /// (MONAI <c>ScaleIntensityRange(a_min, a_max, 0, 1, clip=True)</c>). The GTGM/BTCV window is −175..250 HU.
    /// </summary>
    public static Volume CtWindow(Volume v, float lower = -175, float upper = 250)
    {
        if (!(upper > lower)) throw new ArgumentException($"The CT window needs lower < upper, got {lower}..{upper}.");
        var data = new float[v.Data.Length];
        float scale = 1f / (upper - lower);
        var src = v.Data.AsSpan();
        for (int i = 0; i < data.Length; i++) data[i] = (Math.Clamp(src[i], lower, upper) - lower) * scale;
        return v.With(v.Geometry, v.Channels, data);
    }

    /// <summary>
    /// MRI z-score over the nonzero voxels of each channel: <c>v′ = (v − μ) / σ</c> with μ, σ (population) of the
    /// voxels ≠ 0; zero voxels (outside the head after skull stripping, or padding) stay 0, as in MONAI
    /// <c>NormalizeIntensity(nonzero=True, channel_wise=True)</c>. A constant channel gets σ = 1.
    /// </summary>
    public static Volume ZScoreNonzero(Volume v)
    {
        var data = new float[v.Data.Length];
        for (int c = 0; c < v.Channels; c++)
        {
            var src = v.Channel(c);
            var dst = data.AsSpan((int)(c * v.VoxelsPerChannel), (int)v.VoxelsPerChannel);
            double sum = 0, sumSq = 0;
            long count = 0;
            foreach (float x in src)
                if (x != 0) { sum += x; sumSq += (double)x * x; count++; }
            if (count == 0) continue;
            double mean = sum / count, variance = Math.Max(0, sumSq / count - mean * mean), std = Math.Sqrt(variance);
            if (std < 1e-8) std = 1;
            float m = (float)mean, inv = (float)(1 / std);
            for (int i = 0; i < src.Length; i++) dst[i] = src[i] == 0 ? 0 : (src[i] - m) * inv;
        }
        return v.With(v.Geometry, v.Channels, data);
    }

    /// <summary>Per-channel min-max to 0..1: <c>v′ = (v − min) / (max − min)</c>; a constant channel becomes 0.</summary>
    public static Volume MinMax(Volume v)
    {
        var data = new float[v.Data.Length];
        for (int c = 0; c < v.Channels; c++)
        {
            var src = v.Channel(c);
            var dst = data.AsSpan((int)(c * v.VoxelsPerChannel), (int)v.VoxelsPerChannel);
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            foreach (float x in src) { if (x < min) min = x; if (x > max) max = x; }
            if (!(max > min)) continue;
            float inv = 1 / (max - min);
            for (int i = 0; i < src.Length; i++) dst[i] = (src[i] - min) * inv;
        }
        return v.With(v.Geometry, v.Channels, data);
    }
}
