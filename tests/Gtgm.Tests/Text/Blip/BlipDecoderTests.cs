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
    public void BadOptionsAreUserErrors()
    {
        Assert.Throws<UserInputException>(() => new BlipDecodingOptions(MaxLength: 1).Validate());
        Assert.Throws<UserInputException>(() => new BlipDecodingOptions(NumBeams: 0).Validate());
    }
}
