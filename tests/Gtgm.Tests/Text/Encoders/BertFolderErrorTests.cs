using Gtgm.Text.Bert;
using Gtgm.Text.Encoders;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gtgm.Tests.Text;

public class BertFolderErrorTests
{
    static readonly BertConfig Config = BertModelTests.Tiny;

    [Fact]
    public void AMissingFolderIsNamed()
    {
        var e = Assert.Throws<UserInputException>(() => TextEncoderFactory.Create("bert:/no/such/biobert"));
        Assert.Equal("/no/such/biobert: model folder not found", e.Message);
    }

    [Fact]
    public void EveryMissingFileIsListedAtOnce()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("config.json"), Config.ToJson());
        var e = Assert.Throws<UserInputException>(() => BertTextEncoder.Load(dir.Path));
        Assert.Equal($"{dir.Path}: not a complete Hugging Face BERT folder: missing model.safetensors (or pytorch_model.bin), vocab.txt", e.Message);
    }

    [Fact]
    public void MissingTensorsAndWrongShapesAreListedInOneError()
    {
        using var dir = new TempDir();
        using (TinyBertFolder.Write(dir.Path, Config)) { }
        string weights = dir.File(BertModelFolder.SafetensorsName);
        var sd = Safetensors.LoadStateDict(weights);
        sd.Remove("encoder.layer.1.attention.self.value.bias");
        sd.Remove("embeddings.LayerNorm.bias");
        sd["encoder.layer.0.intermediate.dense.weight"] = zeros(48, 32);
        Safetensors.SaveStateDict(weights, sd);

        var e = Assert.Throws<UserInputException>(() => BertTextEncoder.Load(dir.Path));
        Assert.StartsWith(weights + ": does not match its config: 2 missing tensor(s): ", e.Message);
        Assert.Contains("encoder.layer.1.attention.self.value.bias", e.Message);
        Assert.Contains("embeddings.LayerNorm.bias", e.Message);
        Assert.Contains("1 shape mismatch(es) with config.json: encoder.layer.0.intermediate.dense.weight is [48,32], config.json needs [64,32]", e.Message);
    }

    [Fact]
    public void ANonBertCheckpointIsRecognisedAsSuch()
    {
        using var dir = new TempDir();
        using (TinyBertFolder.Write(dir.Path, Config)) { }
        Safetensors.SaveStateDict(dir.File(BertModelFolder.SafetensorsName), new() { ["vision_model.patch.weight"] = zeros(4, 4) });
        var e = Assert.Throws<UserInputException>(() => BertTextEncoder.Load(dir.Path));
        Assert.Contains("none of the", e.Message);
        Assert.Contains("vision_model.patch.weight", e.Message);
    }

    [Fact]
    public void ACorruptWeightsFileOrBadConfigIsNamed()
    {
        using var dir = new TempDir();
        using (TinyBertFolder.Write(dir.Path, Config)) { }
        File.WriteAllText(dir.File(BertModelFolder.SafetensorsName), "not a safetensors file");
        var e = Assert.Throws<UserInputException>(() => BertTextEncoder.Load(dir.Path));
        Assert.StartsWith(dir.File(BertModelFolder.SafetensorsName) + ": cannot read weights", e.Message);

        File.WriteAllText(dir.File("config.json"), "{\"hidden_size\": 30, \"num_attention_heads\": 4");
        e = Assert.Throws<UserInputException>(() => BertTextEncoder.Load(dir.Path));
        Assert.StartsWith(dir.File("config.json") + ": not valid JSON", e.Message);
    }

    [Fact]
    public void AnUnknownEncoderNameSaysWhatIsAccepted()
    {
        var e = Assert.Throws<UserInputException>(() => TextEncoderFactory.Create("biobert"));
        Assert.Contains("minilm", e.Message);
        Assert.Contains("bert:DIR", e.Message);
    }
}
