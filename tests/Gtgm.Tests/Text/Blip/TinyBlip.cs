using Gtgm.Text.Blip;
using static TorchSharp.torch;

namespace Gtgm.Tests.Text.Blip;

/// <summary>Tiny BLIP models and a toy captioning task whose captions say what the image shows.</summary>
static class TinyBlip
{
    static readonly string[] Sizes = { "small", "large" };
    static readonly string[] Tones = { "bright", "dark" };
    static readonly string[] Places = { "upper left", "upper right", "lower left", "lower right", "centre" };

    /// <summary>The 20 captions of <see cref="Images"/>: "a small bright square in the upper left", ...</summary>
    public static List<string> Captions() =>
        (from s in Sizes from t in Tones from p in Places select $"a {s} {t} square in the {p}").ToList();

    public static BlipTokenizer Tokenizer() => BlipTokenizer.FromCorpus(Captions());

    public static BlipForConditionalGeneration Model(BlipTokenizer tokenizer, int seed = 0)
    {
        manual_seed(seed);
        var t = tokenizer;
        return new BlipForConditionalGeneration(BlipConfig.Tiny(t.Count, t.IdOf("[DEC]")!.Value, t.IdOf("[SEP]")!.Value, t.IdOf("[PAD]")!.Value));
    }

    /// <summary>32×32 grey images drawing what <see cref="Captions"/> says, in the same order.</summary>
    public static List<(byte[] Pixels, int Height, int Width)> Images()
    {
        var images = new List<(byte[], int, int)>();
        foreach (var size in Sizes)
            foreach (var tone in Tones)
                foreach (var place in Places)
                {
                    int side = size == "small" ? 6 : 12;
                    byte background = tone == "bright" ? (byte)40 : (byte)170, square = tone == "bright" ? (byte)240 : (byte)10;
                    int y0 = place.StartsWith("upper") ? 3 : place.StartsWith("lower") ? 29 - side : 16 - side / 2;
                    int x0 = place.EndsWith("left") ? 3 : place.EndsWith("right") ? 29 - side : 16 - side / 2;
                    var pixels = Enumerable.Repeat(background, 32 * 32).ToArray();
                    for (int y = y0; y < y0 + side; y++)
                        for (int x = x0; x < x0 + side; x++) pixels[y * 32 + x] = square;
                    images.Add((pixels, 32, 32));
                }
        return images;
    }
}
