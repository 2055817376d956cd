using System.Diagnostics;
using Gtgm.Text.Blip;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Gtgm.Tests.Text.Blip;

public class BlipFinetunerTests(ITestOutputHelper output)
{
    [Fact]
    public void TokenizeMasksPaddingAndPromptWithMinus100()
    {
        var tokenizer = TinyBlip.Tokenizer();
        using var model = TinyBlip.Model(tokenizer);
        var finetuner = new BlipFinetuner(model, tokenizer, new BlipFinetuneOptions(Prompt: "a"));
        var (ids, mask, labels) = finetuner.Tokenize(new[] { "small square", "large dark square" });
        int dec = model.Config.BosTokenId, sep = model.Config.SepTokenId, a = tokenizer.IdOf("a")!.Value;
        int small = tokenizer.IdOf("small")!.Value, large = tokenizer.IdOf("large")!.Value, dark = tokenizer.IdOf("dark")!.Value, square = tokenizer.IdOf("square")!.Value;
        Assert.Equal(new long[] { dec, a, small, square, sep, 0, dec, a, large, dark, square, sep }, ids.data<long>().ToArray());
        Assert.Equal(new long[] { 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1 }, mask.data<long>().ToArray());
        Assert.Equal(new long[] { -100, -100, small, square, sep, -100, -100, -100, large, dark, square, sep }, labels.data<long>().ToArray());
    }

    [Fact]
    public void LossIsCrossEntropyOverUnmaskedNextTokens()
    {
        var tokenizer = TinyBlip.Tokenizer();
        using var model = TinyBlip.Model(tokenizer);
        model.eval();
        manual_seed(2);
        var pixels = randn(new long[] { 1, 3, 32, 32 });
        var ids = tensor(new long[] { model.Config.BosTokenId, 7, 8, model.Config.SepTokenId }, new long[] { 1, 4 });
        var labels = tensor(new long[] { -100, -100, 8, model.Config.SepTokenId }, new long[] { 1, 4 });
        using var noGrad = no_grad();
        var logProbs = model.Decode(ids, null, model.EncodeImage(pixels)).log_softmax(-1);
        // Only positions 1 → token 8 and 2 → [SEP] count: the label at position 1 is masked.
        double expected = -(logProbs[0, 1, 8].item<float>() + logProbs[0, 2, model.Config.SepTokenId].item<float>()) / 2;
        double actual = model.CaptionLoss(pixels, ids, ones(new long[] { 1, 4 }, ScalarType.Int64), labels).item<float>();
        Assert.Equal(expected, actual, 5);
    }

    [Fact]
    public void FinetuningLearnsTwentyCaptions()
    {
        var watch = Stopwatch.StartNew();
        // One intra-op thread: on a shared 2-core machine a tiny model runs ~10× faster than with spinning workers.
        using var threads = TorchThreads.Use(1);
        var tokenizer = TinyBlip.Tokenizer();
        using var model = TinyBlip.Model(tokenizer, seed: 1);
        var captions = TinyBlip.Captions();
        var pixels = new BlipImageProcessor(32).Process(TinyBlip.Images());
        var finetuner = new BlipFinetuner(model, tokenizer, new BlipFinetuneOptions(Epochs: 60, LearningRate: 3e-3, BatchSize: 10, WeightDecay: 0));
        var losses = finetuner.Train(pixels, captions);
        var decoded = new BlipDecoder(model, tokenizer).Generate(pixels, new BlipDecodingOptions());
        int exact = decoded.Zip(captions).Count(p => p.First == p.Second);
        output.WriteLine($"L_Cap {losses[0]:0.0000} -> {losses[^1]:0.0000}, {exact}/20 exact, {watch.Elapsed.TotalSeconds:0.0} s");
        foreach (var (d, c) in decoded.Zip(captions)) output.WriteLine($"{c} => {d}");
        Assert.True(losses[^1] <= 0.1 * losses[0], $"L_Cap fell from {losses[0]:0.000} to {losses[^1]:0.000}, less than 90%");
        Assert.True(exact >= 16, $"greedy decoding reproduced {exact} of 20 captions");
    }
}
