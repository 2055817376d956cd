using Gtgm.Text.Blip;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Tests.Text.Blip;

public class BlipDecoderTests
{
    // Pushes one token's output bias so far that it wins (or loses) every step, whatever the input.
    static void Bias(BlipForConditionalGeneration model, int token, float value)
    {
        using var noGrad = no_grad();
        model.state_dict()["text_decoder.cls.predictions.bias"][token] = tensor(value);
    }

    static Tensor Pixels(int count) { manual_seed(1); return randn(new long[] { count, 3, 32, 32 }); }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void StopsAtSep(int beams)
    {
        var tokenizer = TinyBlip.Tokenizer();
        using var model = TinyBlip.Model(tokenizer);
        model.eval();
        Bias(model, model.Config.SepTokenId, 1e4f);
        var ids = new BlipDecoder(model, tokenizer).GenerateIds(Pixels(2), new BlipDecodingOptions(NumBeams: beams));
        Assert.All(ids, Assert.Empty);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void StopsAtMaxLengthCountingDecAndPrompt(int beams)
    {
        var tokenizer = TinyBlip.Tokenizer();
        using var model = TinyBlip.Model(tokenizer);
        model.eval();
        Bias(model, model.Config.SepTokenId, -1e4f);
        var decoder = new BlipDecoder(model, tokenizer);
        var ids = decoder.GenerateIds(Pixels(2), new BlipDecodingOptions(MaxLength: 9, NumBeams: beams));
        Assert.All(ids, s => Assert.Equal(8, s.Count)); // 9 tokens: [DEC] + 8 generated
        var prompted = decoder.GenerateIds(Pixels(1), new BlipDecodingOptions(MaxLength: 9, NumBeams: beams, Prompt: "a large"));
        Assert.Equal(6, prompted[0].Count); // [DEC] a large + 6
    }

    [Fact]
    public void MinLengthHoldsSepBack()
    {
        var tokenizer = TinyBlip.Tokenizer();
        using var model = TinyBlip.Model(tokenizer);
        model.eval();
        Bias(model, model.Config.SepTokenId, 1e4f);
        var ids = new BlipDecoder(model, tokenizer).GenerateIds(Pixels(1), new BlipDecodingOptions(MinLength: 4));
        Assert.Equal(3, ids[0].Count); // [DEC] + 3 tokens make 4, then [SEP]
    }

    [Fact]
    public void RepetitionPenaltyStopsAFavouredTokenRepeating()
    {
        var tokenizer = TinyBlip.Tokenizer();
        using var model = TinyBlip.Model(tokenizer);
        model.eval();
        int square = tokenizer.IdOf("square")!.Value;
        Bias(model, model.Config.SepTokenId, -1e4f);
        Bias(model, square, 50f);
        var decoder = new BlipDecoder(model, tokenizer);
        var plain = decoder.GenerateIds(Pixels(1), new BlipDecodingOptions(MaxLength: 6))[0];
        Assert.All(plain, t => Assert.Equal(square, t));
        // θ = 1000 divides the repeated token's logit (about 50) to about 0.05, below other tokens' logits.
        var penalised = decoder.GenerateIds(Pixels(1), new BlipDecodingOptions(MaxLength: 6, RepetitionPenalty: 1000))[0];
        Assert.Equal(square, penalised[0]);
        Assert.Equal(1, penalised.Count(t => t == square));
    }

    [Fact]
    public void CachedStepsGiveTheFullForwardsLogits()
    {
        var tokenizer = TinyBlip.Tokenizer();
        using var model = TinyBlip.Model(tokenizer);
        model.eval();
        using var noGrad = no_grad();
        long bos = model.Config.BosTokenId;
        var ids = tensor(new long[] { bos, 7, 8, 9, 10, 11, bos, 12, 13, 14, 15, 16 }, new long[] { 2, 6 });
        var images = model.EncodeImage(Pixels(2));
        var full = model.Decode(ids, null, images);
        using var cache = model.NewDecodingCache();
        // Chunks of 3, 2 and 1 tokens: the prefix, several new tokens over a filled cache, one token.
        foreach (var (start, count) in new[] { (0, 3), (3, 2), (5, 1) })
        {
            var step = model.Decode(ids.narrow(1, start, count), null, images, cache);
            var expected = full.narrow(1, start, count);
            double worst = (step - expected).abs().max().item<float>();
            Assert.True(worst < 1e-5, $"tokens {start}..{start + count - 1}: cached logits differ by {worst}");
            Assert.Equal(start + count, cache.Length);
        }
    }

    // Seeds and [SEP] pushes chosen so that greedy captions end at different lengths (finished rows then leave
    // the cache while others continue) and beam search both ends beams early and runs to the maximum length.
    [Theory]
    [InlineData(0, 1f, 1, false)]
    [InlineData(3, 0f, 1, true)]
    [InlineData(3, 1f, 3, false)]
    [InlineData(0, 0f, 3, true)]
    public void CachedDecodingGivesTheUncachedTokens(int seed, float sepBias, int beams, bool prompted)
    {
        var tokenizer = TinyBlip.Tokenizer();
        using var model = TinyBlip.Model(tokenizer, seed);
        model.eval();
        Bias(model, model.Config.SepTokenId, sepBias);
        var decoder = new BlipDecoder(model, tokenizer);
        var options = prompted
            ? new BlipDecodingOptions(MaxLength: 12, NumBeams: beams, RepetitionPenalty: 1.5, MinLength: 3, Prompt: "a large")
            : new BlipDecodingOptions(MaxLength: 12, NumBeams: beams);
        var uncached = decoder.GenerateIds(Pixels(4), options with { UseCache = false });
        var cached = decoder.GenerateIds(Pixels(4), options);
        Assert.Equal(uncached, cached);
        Assert.Contains(uncached, c => c.Count > 1);
        if (beams == 1) Assert.True(uncached.Select(c => c.Count).Distinct().Count() > 1, "greedy captions all have the same length");
    }

    [Fact]
    public void BadOptionsAreUserErrors()
    {
        Assert.Throws<UserInputException>(() => new BlipDecodingOptions(MaxLength: 1).Validate());
        Assert.Throws<UserInputException>(() => new BlipDecodingOptions(NumBeams: 0).Validate());
    }
}
