using Gtgm.Imaging;

namespace Gtgm.Text.Slicing;

/// <summary>
/// The intensity range mapped linearly onto grey levels 0..255 (values outside are clipped). Chosen per
/// modality, once per volume, so every slice of a volume is windowed alike:
/// CT: a soft-tissue window (level 40 HU, width 400 HU, i.e. −160..240 HU), as radiologists read abdomen CT;
/// MRI and other: the volume's 1st–99th percentile (MRI intensities have no absolute scale);
/// EM: the volume's minimum to maximum (the raw data is already 8-bit contrast).
/// </summary>
public readonly record struct IntensityWindow(double Low, double High)
{
    public const double SoftTissueLevel = 40, SoftTissueWidth = 400;

    public static IntensityWindow For(Volume volume, int channel = 0)
    {
        var data = volume.Channel(channel);
        return volume.Modality switch
        {
            Modality.CT => new(SoftTissueLevel - SoftTissueWidth / 2, SoftTissueLevel + SoftTissueWidth / 2),
            Modality.EM => MinMax(data),
            _ => Percentiles(data, 0.01, 0.99),
        };
    }

    public byte ToGrey(float value)
    {
        double g = (value - Low) / (High - Low) * 255.0;
        return g <= 0 || double.IsNaN(g) ? (byte)0 : g >= 255 ? (byte)255 : (byte)Math.Round(g);
    }

    static IntensityWindow MinMax(ReadOnlySpan<float> data)
    {
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        foreach (float v in data)
        {
            if (float.IsNaN(v)) continue;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        return Widened(lo, hi);
    }

    static IntensityWindow Percentiles(ReadOnlySpan<float> data, double low, double high)
    {
        // A strided sample of at most ~1M voxels gives the percentiles to well under a grey level.
        int stride = Math.Max(1, data.Length / (1 << 20));
        var sample = new List<float>(data.Length / stride + 1);
        for (int i = 0; i < data.Length; i += stride)
            if (!float.IsNaN(data[i])) sample.Add(data[i]);
        if (sample.Count == 0) return new(0, 1);
        sample.Sort();
        return Widened(sample[(int)Math.Round(low * (sample.Count - 1))], sample[(int)Math.Round(high * (sample.Count - 1))]);
    }

    // A constant volume still needs a non-empty range to divide by.
    static IntensityWindow Widened(double lo, double hi) =>
        double.IsInfinity(lo) ? new(0, 1) : hi > lo ? new(lo, hi) : new(lo, lo + 1);
}
