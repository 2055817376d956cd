namespace Gtgm.Text.Slicing;

/// <summary>
/// Bilinear resampling of a row-major 2-D image with half-pixel centres (PyTorch's
/// <c>interpolate(mode="bilinear", align_corners=False)</c>, PIL's convention when upscaling): output pixel i
/// samples the input at (i + 0.5) · in/out − 0.5, clamped to the border.
/// </summary>
public static class BilinearResize
{
    public static float[] Resize(ReadOnlySpan<float> source, int height, int width, int outHeight, int outWidth)
    {
        if (source.Length != height * width) throw new ArgumentException($"Image has {source.Length} values, {height}×{width} expected.");
        var result = new float[outHeight * outWidth];
        if (outHeight == height && outWidth == width) { source.CopyTo(result); return result; }
        var (y0, y1, wy) = Taps(height, outHeight);
        var (x0, x1, wx) = Taps(width, outWidth);
        for (int oy = 0; oy < outHeight; oy++)
        {
            var top = source.Slice(y0[oy] * width, width);
            var bottom = source.Slice(y1[oy] * width, width);
            float fy = wy[oy];
            for (int ox = 0; ox < outWidth; ox++)
            {
                float fx = wx[ox];
                float t = top[x0[ox]] + (top[x1[ox]] - top[x0[ox]]) * fx;
                float b = bottom[x0[ox]] + (bottom[x1[ox]] - bottom[x0[ox]]) * fx;
                result[oy * outWidth + ox] = t + (b - t) * fy;
            }
        }
        return result;
    }

    static (int[] Lower, int[] Upper, float[] Weight) Taps(int inSize, int outSize)
    {
        var lower = new int[outSize];
        var upper = new int[outSize];
        var weight = new float[outSize];
        double scale = (double)inSize / outSize;
        for (int i = 0; i < outSize; i++)
        {
            double s = Math.Clamp((i + 0.5) * scale - 0.5, 0, inSize - 1);
            int l = (int)Math.Floor(s);
            lower[i] = l;
            upper[i] = Math.Min(l + 1, inSize - 1);
            weight[i] = (float)(s - l);
        }
        return (lower, upper, weight);
    }
}
