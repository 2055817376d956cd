using Gtgm.Text.Blip;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gtgm.Tests.Text.Blip;

public class BlipModelFolderTests
{
    static IEnumerable<string> ExpectedKeys(int visionLayers, int textLayers)
    {
        yield return "vision_model.embeddings.class_embedding";
        yield return "vision_model.embeddings.patch_embedding.weight";
        yield return "vision_model.embeddings.patch_embedding.bias";
        yield return "vision_model.embeddings.position_embedding";
        for (int i = 0; i < visionLayers; i++)
            foreach (var p in new[] { "self_attn.qkv", "self_attn.projection", "layer_norm1", "mlp.fc1", "mlp.fc2", "layer_norm2" })
                foreach (var w in new[] { "weight", "bias" }) yield return $"vision_model.encoder.layers.{i}.{p}.{w}";
        yield return "vision_model.post_layernorm.weight";
        yield return "vision_model.post_layernorm.bias";
        yield return "text_decoder.bert.embeddings.word_embeddings.weight";
        yield return "text_decoder.bert.embeddings.position_embeddings.weight";
        yield return "text_decoder.bert.embeddings.LayerNorm.weight";
        yield return "text_decoder.bert.embeddings.LayerNorm.bias";
        for (int i = 0; i < textLayers; i++)
        {
            foreach (var block in new[] { "attention", "crossattention" })
                foreach (var p in new[] { "self.query", "self.key", "self.value", "output.dense", "output.LayerNorm" })
                    foreach (var w in new[] { "weight", "bias" }) yield return $"text_decoder.bert.encoder.layer.{i}.{block}.{p}.{w}";
            foreach (var p in new[] { "intermediate.dense", "output.dense", "output.LayerNorm" })
                foreach (var w in new[] { "weight", "bias" }) yield return $"text_decoder.bert.encoder.layer.{i}.{p}.{w}";
        }
        yield return "text_decoder.cls.predictions.bias";
        yield return "text_decoder.cls.predictions.transform.dense.weight";
        yield return "text_decoder.cls.predictions.transform.dense.bias";
        yield return "text_decoder.cls.predictions.transform.LayerNorm.weight";
        yield return "text_decoder.cls.predictions.transform.LayerNorm.bias";
        yield return "text_decoder.cls.predictions.decoder.weight";
    }

    [Fact]
    public void ParameterNamesAreTransformersNames()
    {
        using var model = TinyBlip.Model(TinyBlip.Tokenizer());
        Assert.Equal(ExpectedKeys(2, 2).OrderBy(k => k, StringComparer.Ordinal), model.state_dict().Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void WrittenFolderLoadsBackWithIdenticalOutputsAndEveryKey()
    {
        using var dir = new TempDir();
        var tokenizer = TinyBlip.Tokenizer();
        using var model = TinyBlip.Model(tokenizer, seed: 3);
        model.eval();
        BlipModelFolder.Save(dir.Path, model, tokenizer);
        foreach (var f in new[] { "config.json", "model.safetensors", "vocab.txt", "preprocessor_config.json", "tokenizer_config.json" })
            Assert.True(File.Exists(dir.File(f)), f);
        var stored = Safetensors.LoadStateDict(dir.File("model.safetensors"));
        Assert.Equal(ExpectedKeys(2, 2).OrderBy(k => k, StringComparer.Ordinal), stored.Keys.OrderBy(k => k, StringComparer.Ordinal));

        using var loaded = BlipModelFolder.Load(dir.Path);
        Assert.Equal(model.Config, loaded.Config);
        Assert.Equal(tokenizer.Vocabulary, loaded.Tokenizer.Vocabulary);
        manual_seed(9);
        var pixels = randn(new long[] { 2, 3, 32, 32 });
        var ids = tensor(new long[] { loaded.Config.BosTokenId, 7, 8, 9, loaded.Config.BosTokenId, 10, 11, 12 }, new long[] { 2, 4 });
        using var noGrad = no_grad();
        var expected = model.Decode(ids, null, model.EncodeImage(pixels));
        var actual = loaded.Model.Decode(ids, null, loaded.Model.EncodeImage(pixels));
        Assert.True(expected.eq(actual).all().item<bool>(), "logits differ after the round trip");
    }

    [Fact]
    public void MissingFilesAreListedTogether()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("config.json"), "{}");
        var e = Assert.Throws<UserInputException>(() => BlipModelFolder.Load(dir.Path));
        Assert.Contains("model.safetensors", e.Message);
        Assert.Contains("vocab.txt", e.Message);
        Assert.Throws<UserInputException>(() => BlipModelFolder.Load(dir.File("nope")));
    }

    [Fact]
    public void MissingAndMisshapenTensorsAreListedTogetherAndExtrasIgnored()
    {
        using var dir = new TempDir();
        var tokenizer = TinyBlip.Tokenizer();
        using var model = TinyBlip.Model(tokenizer);
        BlipModelFolder.Save(dir.Path, model, tokenizer);
        var state = Safetensors.LoadStateDict(dir.File("model.safetensors"));
        state.Remove("vision_model.post_layernorm.weight");
        state.Remove("text_decoder.bert.encoder.layer.1.crossattention.self.key.bias");
        state["vision_model.embeddings.position_embedding"] = zeros(new long[] { 1, 5, 32 });
        state["text_decoder.extra.weight"] = zeros(new long[] { 2 });
        using (var s = File.Create(dir.File("model.safetensors"))) Safetensors.SaveStateDict(s, state);

        var e = Assert.Throws<UserInputException>(() => BlipModelFolder.Load(dir.Path));
        Assert.Contains("2 missing tensor(s)", e.Message);
        Assert.Contains("vision_model.post_layernorm.weight", e.Message);
        Assert.Contains("text_decoder.bert.encoder.layer.1.crossattention.self.key.bias", e.Message);
        Assert.Contains("vision_model.embeddings.position_embedding is [1,5,32], config.json needs [1,17,32]", e.Message);
        Assert.DoesNotContain("text_decoder.extra.weight", e.Message); // extra tensors are ignored, as in transformers
    }

    [Fact]
    public void InconsistentConfigIsOneClearError()
    {
        using var dir = new TempDir();
        var tokenizer = TinyBlip.Tokenizer();
        using var model = TinyBlip.Model(tokenizer);
        BlipModelFolder.Save(dir.Path, model, tokenizer);
        File.WriteAllText(dir.File("config.json"), File.ReadAllText(dir.File("config.json")).Replace("\"patch_size\": 8", "\"patch_size\": 7"));
        var e = Assert.Throws<UserInputException>(() => BlipModelFolder.Load(dir.Path));
        Assert.Contains("image_size 32 is not a multiple of patch_size 7", e.Message);
    }

    [Fact]
    public void TokenizerPrefersTokenizerJsonWithItsAddedTokens()
    {
        // As on the hub: vocab.txt without BLIP's [DEC]/[ENC]; tokenizer.json adds them after the WordPiece vocabulary.
        using var dir = new TempDir();
        var tokenizer = TinyBlip.Tokenizer();
        var plain = tokenizer.Vocabulary.Where(t => t is not ("[DEC]" or "[ENC]")).ToList();
        File.WriteAllLines(dir.File("vocab.txt"), plain);
        var vocab = string.Join(", ", plain.Select((t, i) => $"\"{t}\": {i}"));
        File.WriteAllText(dir.File("tokenizer.json"), $"{{\"added_tokens\": [{{\"id\": {plain.Count}, \"content\": \"[DEC]\"}}, " +
            $"{{\"id\": {plain.Count + 1}, \"content\": \"[ENC]\"}}], \"model\": {{\"type\": \"WordPiece\", \"vocab\": {{{vocab}}}}}}}");
        var loaded = BlipTokenizer.Load(dir.Path);
        Assert.Equal(tokenizer.Vocabulary, loaded.Vocabulary);
        Assert.Equal("a large dark square in the centre", loaded.Decode(loaded.Encode("A large dark square in the CENTRE")));
        // [DEC] and ids beyond the vocabulary never reach the text.
        Assert.Equal("a square", loaded.Decode(new[] { loaded.IdOf("[DEC]")!.Value, loaded.IdOf("a")!.Value, 999, loaded.IdOf("square")!.Value }));
    }
}
