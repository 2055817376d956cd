using Gtgm.Text.Slicing;
using static TorchSharp.torch;

namespace Gtgm.Text.Blip;

/// <summary>
/// Turns 8-bit grey images into BLIP's input: resized (bilinear) to image_size², scaled to [0, 1], the grey
/// value copied to R, G and B, then normalised per channel with OpenAI CLIP's mean and standard deviation
/// (BLIP's <c>BlipImageProcessor</c> defaults). transformers resizes with bicubic filtering; bilinear is used
/// here (the slices are already resampled once), a difference of well under one grey level on smooth images.
/// </summary>
public sealed class BlipImageProcessor
{
    public static readonly double[] ClipMean = { 0.48145466, 0.4578275, 0.40821073 };
    public static readonly double[] ClipStd = { 0.26862954, 0.26130258, 0.27577711 };

    public int ImageSize { get; }

    public BlipImageProcessor(int imageSize) => ImageSize = imageSize;

    /// <summary>(count, 3, S, S) float32 pixel tensor for grey images given row-major.</summary>
    public Tensor Process(IReadOnlyList<(byte[] Pixels, int Height, int Width)> images)
    {
        int s = ImageSize;
        var data = new float[images.Count * 3 * s * s];
        for (int n = 0; n < images.Count; n++)
        {
            var (pixels, h, w) = images[n];
            var grey = BilinearResize.Resize(pixels.Select(p => (float)p).ToArray(), h, w, s, s);
            for (int c = 0; c < 3; c++)
            {
                var channel = data.AsSpan((n * 3 + c) * s * s, s * s);
                for (int i = 0; i < grey.Length; i++) channel[i] = (float)((grey[i] / 255.0 - ClipMean[c]) / ClipStd[c]);
            }
        }
        return tensor(data, new long[] { images.Count, 3, s, s });
    }

    public Tensor Process(IReadOnlyList<SliceImage> slices) => Process(slices.Select(x => (x.Pixels, x.Height, x.Width)).ToList());
}
