using System.Collections;
using Gtgm.Text.Bert;
using Gtgm.Text.Encoders;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gtgm.Tests.Text;

public class BertTextEncoderTests
{
    static readonly BertConfig Config = BertModelTests.Tiny;

    /// <summary>[CLS] hidden state of the in-memory model for the given token ids.</summary>
    static float[] ReferenceCls(BertModel model, params long[] ids)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return model.forward(tensor(ids).unsqueeze(0))[0, 0].data<float>().ToArray();
    }

    static long Id(string token) => Array.IndexOf(TinyBertFolder.Vocabulary(Config.VocabSize), token);

    static void AssertClose(float[] expected, float[] actual, double tolerance = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        double max = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(max <= tolerance, $"max difference {max}");
    }

    [Fact]
    public void AWrittenFolderLoadsBackWithIdenticalOutputs()
    {
        using var dir = new TempDir();
        using var model = TinyBertFolder.Write(dir.Path, Config);
        using var encoder = BertTextEncoder.Load(dir.Path);
        Assert.Equal(32, encoder.Dimension);
        var v = encoder.Encode(new[] { "No acute intracranial hemorrhage." })[0];
        var expected = ReferenceCls(model, Id("[CLS]"), Id("no"), Id("acute"), Id("intra"), Id("##cranial"), Id("hemorrhage"), Id("."), Id("[SEP]"));
        AssertClose(expected, v);
        Assert.Matches(@"^bert:[^:]+:sha256=[0-9a-f]{12}:cls:max128:uncased$", encoder.Id);
    }

    [Fact]
    public void APrefixedPickleCheckpointWithHeadsAndBuffersLoadsToo()
    {
        using var dir = new TempDir();
        using var model = TinyBertFolder.Write(dir.Path, Config);
        // BertForPreTraining-style pytorch_model.bin: "bert." prefix, a cls head, the position_ids buffer, gamma/beta names.
        var sd = new Hashtable();
        foreach (var (k, t) in model.state_dict())
            sd["bert." + (k == "embeddings.LayerNorm.weight" ? "embeddings.LayerNorm.gamma" : k)] = t;
        sd["cls.predictions.bias"] = zeros(Config.VocabSize);
        sd["bert.embeddings.position_ids"] = arange(Config.MaxPositionEmbeddings).unsqueeze(0);
        File.Delete(Path.Combine(dir.Path, BertModelFolder.SafetensorsName));
        PyTorchPickler.PickleStateDict(Path.Combine(dir.Path, BertModelFolder.PickleName), sd);

        using var encoder = BertTextEncoder.Load(dir.Path, new BertTextEncoderOptions { Pooling = PoolingKind.Mean });
        var v = encoder.Encode(new[] { "the brain" })[0];
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var hidden = model.forward(tensor(new[] { Id("[CLS]"), Id("the"), Id("brain"), Id("[SEP]") }).unsqueeze(0));
        AssertClose(hidden[0].mean(new long[] { 0 }).data<float>().ToArray(), v, 1e-5);
    }

    [Fact]
    public void PaddingDoesNotChangeTheClsOutput()
    {
        using var dir = new TempDir();
        using (TinyBertFolder.Write(dir.Path, Config)) { }
        using var encoder = BertTextEncoder.Load(dir.Path);
        var alone = encoder.Encode(new[] { "a small lesion" })[0];
        var texts = new[] { "no evidence of bleeding in the brain , a 3 cm hypodense liver lesion", "a small lesion" };
        var batch = encoder.Encode(texts);
        Assert.Equal(5, encoder.Tokenize(texts).TokensIn(1)); // [CLS] a small lesion [SEP], then padding
        AssertClose(alone, batch[1], 1e-5);
        Assert.True(alone.Zip(batch[0], (a, b) => Math.Abs(a - b)).Max() > 1e-3); // different text, different vector
    }

    [Fact]
    public void LongTextsAreTruncatedToMaxLengthEndingInSep()
    {
        using var dir = new TempDir();
        using (TinyBertFolder.Write(dir.Path, Config)) { }
        using var encoder = BertTextEncoder.Load(dir.Path, new BertTextEncoderOptions { MaxLength = 6 });
        var tokens = encoder.Tokenize(new[] { "no acute intracranial hemorrhage in the brain", "a lesion" });
        Assert.Equal(6, tokens.Length);
        Assert.Equal(new[] { Id("[CLS]"), Id("no"), Id("acute"), Id("intra"), Id("##cranial"), Id("[SEP]") }, tokens.InputIds[..6]);
        Assert.Equal(new long[] { 1, 1, 1, 1, 0, 0 }, tokens.AttentionMask[6..]);
        var truncated = encoder.Encode(new[] { "no acute intracranial hemorrhage in the brain" })[0];
        AssertClose(encoder.Encode(new[] { "no acute intracranial" })[0], truncated);
    }

    [Fact]
    public void LayersAreFrozenByDefaultAndTheTopOnesTrainOnRequest()
    {
        using var dir = new TempDir();
        using (TinyBertFolder.Write(dir.Path, Config)) { }
        using (var frozen = BertTextEncoder.Load(dir.Path))
            Assert.DoesNotContain(frozen.Model.parameters(), p => p.requires_grad);
        using var partly = BertTextEncoder.Load(dir.Path, new BertTextEncoderOptions { FrozenLayers = 1 });
        var trainable = partly.Model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToList();
        Assert.NotEmpty(trainable);
        Assert.All(trainable, n => Assert.StartsWith("encoder.layer.1.", n));
        Assert.Contains("encoder.layer.1.output.LayerNorm.weight", trainable);
    }

    [Fact]
    public void ChangedWeightsChangeTheId()
    {
        using var dir = new TempDir();
        using (TinyBertFolder.Write(dir.Path, Config, seed: 1)) { }
        string before;
        using (var first = BertTextEncoder.Load(dir.Path)) before = first.Id;
        using (TinyBertFolder.Write(dir.Path, Config, seed: 2)) { }
        using var second = BertTextEncoder.Load(dir.Path);
        Assert.NotEqual(before, second.Id);
        Assert.Equal(before.Split(':')[1], second.Id.Split(':')[1]); // same folder name: only the hash tells them apart
    }
}
