using Gtgm.Platform;
using Gtgm.Text.Bert;
using static TorchSharp.torch;

namespace Gtgm.Tests.Text;

public class BertModelTests
{
    internal static readonly BertConfig Tiny = new(VocabSize: 50, HiddenSize: 32, NumHiddenLayers: 2, NumAttentionHeads: 4,
        IntermediateSize: 64, MaxPositionEmbeddings: 160, TypeVocabSize: 2, HiddenDropoutProb: 0, AttentionProbsDropoutProb: 0);

    static string[] LayerKeys(int i, bool cross)
    {
        var blocks = cross ? new[] { "attention", "crossattention" } : new[] { "attention" };
        var keys = new List<string>();
        foreach (var b in blocks)
            foreach (var p in new[] { "self.query", "self.key", "self.value", "output.dense", "output.LayerNorm" })
                keys.AddRange(new[] { $"encoder.layer.{i}.{b}.{p}.weight", $"encoder.layer.{i}.{b}.{p}.bias" });
        foreach (var p in new[] { "intermediate.dense", "output.dense", "output.LayerNorm" })
            keys.AddRange(new[] { $"encoder.layer.{i}.{p}.weight", $"encoder.layer.{i}.{p}.bias" });
        return keys.ToArray();
    }

    [Fact]
    public void ParameterNamesAreHuggingFaceBertModelStateDictKeys()
    {
        using var model = new BertModel(Tiny);
        var expected = new List<string>
        {
            "embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
            "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias",
        };
        expected.AddRange(LayerKeys(0, false));
        expected.AddRange(LayerKeys(1, false));
        expected.AddRange(new[] { "pooler.dense.weight", "pooler.dense.bias" });
        Assert.Equal(expected.OrderBy(k => k), model.state_dict().Keys.OrderBy(k => k));
    }

    [Fact]
    public void ADecoderWithCrossAttentionHasItsKeysAndTheEncoderWidth()
    {
        var config = Tiny with { IsDecoder = true, AddCrossAttention = true, EncoderWidth = 24, TypeVocabSize = 0 };
        using var model = new BertModel(config, addPoolingLayer: false);
        var sd = model.state_dict();
        var expected = new List<string>
        {
            "embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
            "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias",
        };
        expected.AddRange(LayerKeys(0, true));
        expected.AddRange(LayerKeys(1, true));
        Assert.Equal(expected.OrderBy(k => k), sd.Keys.OrderBy(k => k));
        Assert.Equal(new long[] { 32, 24 }, sd["encoder.layer.1.crossattention.self.key.weight"].shape);
        Assert.Equal(new long[] { 32, 32 }, sd["encoder.layer.1.crossattention.self.query.weight"].shape);
        Assert.Equal(new long[] { 64, 32 }, sd["encoder.layer.0.intermediate.dense.weight"].shape);
    }

    [Fact]
    public void PaddingWithAMaskDoesNotChangeTheRealTokens()
    {
        TorchRuntime.Seed(1);
        using var model = new BertModel(Tiny);
        model.eval();
        using var scope = NewDisposeScope();
        var ids = tensor(new long[] { 2, 7, 9, 3 }).unsqueeze(0);
        var padded = tensor(new long[] { 2, 7, 9, 3, 0, 0, 0 }).unsqueeze(0);
        var mask = tensor(new long[] { 1, 1, 1, 1, 0, 0, 0 }).unsqueeze(0);
        var a = model.forward(ids);
        var b = model.forward(padded, mask)[.., ..4];
        Assert.True(a.allclose(b, rtol: 0, atol: 1e-5), $"max diff {(a - b).abs().max().item<float>()}");
        // Without the mask the padding is attended to, so the outputs must differ: the mask is what matters.
        var c = model.forward(padded)[.., ..4];
        Assert.False(a.allclose(c, rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void ACausalDecoderIgnoresLaterTokensAndCrossAttentionSeesTheEncoderStates()
    {
        TorchRuntime.Seed(2);
        var config = Tiny with { IsDecoder = true, AddCrossAttention = true, EncoderWidth = 24 };
        using var model = new BertModel(config, addPoolingLayer: false);
        model.eval();
        using var scope = NewDisposeScope();
        var image = randn(new long[] { 1, 5, 24 });
        var a = model.forward(tensor(new long[] { 2, 7, 9, 3 }).unsqueeze(0), encoderStates: image);
        var b = model.forward(tensor(new long[] { 2, 7, 11, 12 }).unsqueeze(0), encoderStates: image);
        Assert.True(a[.., ..2].allclose(b[.., ..2], rtol: 0, atol: 1e-5));
        Assert.False(a[.., 2..].allclose(b[.., 2..], rtol: 0, atol: 1e-3));
        var c = model.forward(tensor(new long[] { 2, 7, 9, 3 }).unsqueeze(0), encoderStates: randn(new long[] { 1, 5, 24 }));
        Assert.False(a[.., ..1].allclose(c[.., ..1], rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void ConfigReadsHuggingFaceKeysWithTheirDefaultsAndRejectsNonsense()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("config.json"), """{"vocab_size": 28996, "hidden_size": 768, "num_attention_heads": 12, "hidden_act": "gelu"}""");
        var c = BertConfig.Load(dir.File("config.json"));
        Assert.Equal(28996, c.VocabSize);
        Assert.Equal(12, c.NumHiddenLayers);
        Assert.Equal(2, c.TypeVocabSize);
        Assert.Equal(1e-12, c.LayerNormEps);

        File.WriteAllText(dir.File("config.json"), """{"hidden_size": 100, "num_attention_heads": 12, "hidden_act": "mish"}""");
        var e = Assert.Throws<UserInputException>(() => BertConfig.Load(dir.File("config.json")));
        Assert.StartsWith(dir.File("config.json"), e.Message);
        Assert.Contains("not a multiple of num_attention_heads", e.Message);
        Assert.Contains("hidden_act 'mish'", e.Message);

        Assert.Equal(c, BertConfig.FromJson(System.Text.Json.JsonDocument.Parse(c.ToJson()).RootElement, "round trip"));
    }
}
