using System.Text.Json;
using System.Text.Json.Nodes;
using Gtgm.Configuration;
using Gtgm.Text.Bert;

namespace Gtgm.Text.Blip;

/// <summary>
/// A <c>BlipForConditionalGeneration</c> <c>config.json</c>: the ViT (<see cref="Vision"/>) and the BERT text
/// decoder (<see cref="Text"/>: causal, with cross-attention to the image, no token-type table), plus the
/// decoder's special tokens: generation starts from <see cref="BosTokenId"/> ([DEC]) and stops at
/// <see cref="SepTokenId"/> ([SEP]).
/// </summary>
public sealed record BlipConfig(BlipVisionConfig Vision, BertConfig Text, int BosTokenId, int SepTokenId, int PadTokenId)
{
    public const string FileName = "config.json";

    /// <summary>Reads <c>config.json</c>; fields absent take Hugging Face's BLIP defaults.</summary>
    public static BlipConfig Load(string path)
    {
        if (!File.Exists(path)) throw UserInputException.ForFile(path, "config file not found");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw UserInputException.ForFile(path, $"not valid JSON ({e.Message})"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw UserInputException.ForFile(path, "expected a JSON object");
            var vision = BlipVisionConfig.FromJson(Section(root, "vision_config"), path);
            var textJson = Section(root, "text_config");
            var text = BertConfig.FromJson(textJson, path);
            // BLIP's text model differs from a plain BERT: 30524 tokens ([DEC], [ENC] added), no token types,
            // dropout 0 and 8 heads by default, always a causal decoder with cross-attention to the image embeddings.
            text = text with
            {
                VocabSize = JsonFields.Int(textJson, "vocab_size", 30524, path),
                NumAttentionHeads = JsonFields.Int(textJson, "num_attention_heads", 8, path),
                HiddenDropoutProb = JsonFields.Num(textJson, "hidden_dropout_prob", 0.0, path),
                AttentionProbsDropoutProb = JsonFields.Num(textJson, "attention_probs_dropout_prob", 0.0, path),
                TypeVocabSize = 0,
                IsDecoder = true,
                AddCrossAttention = true,
                EncoderWidth = JsonFields.Int(textJson, "encoder_hidden_size", 768, path),
            };
            var config = new BlipConfig(vision, text,
                JsonFields.Int(textJson, "bos_token_id", 30522, path),
                JsonFields.Int(textJson, "sep_token_id", 102, path),
                JsonFields.Int(textJson, "pad_token_id", 0, path));
            config.Validate(path);
            return config;
        }
    }

    static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    static JsonElement Section(JsonElement root, string name) =>
        root.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.Object ? s : EmptyObject;

    public void Validate(string source)
    {
        Vision.Validate(source);
        Text.Validate(source);
        var problems = new List<string>();
        foreach (var (name, id) in new[] { ("bos_token_id", BosTokenId), ("sep_token_id", SepTokenId), ("pad_token_id", PadTokenId) })
            if (id < 0 || id >= Text.VocabSize) problems.Add($"text_config.{name} {id} is outside the vocabulary (vocab_size {Text.VocabSize})");
        if (Text.EncoderWidth != Vision.HiddenSize)
            problems.Add($"text_config.encoder_hidden_size {Text.EncoderWidth} differs from vision_config.hidden_size {Vision.HiddenSize}");
        if (problems.Count > 0) throw UserInputException.ForFile(source, "invalid BLIP configuration: " + string.Join("; ", problems));
    }

    /// <summary>The <c>config.json</c> text, in the layout <c>transformers</c> writes and reads.</summary>
    public string ToJson()
    {
        var text = new JsonObject
        {
            ["model_type"] = "blip_text_model",
            ["vocab_size"] = Text.VocabSize,
            ["hidden_size"] = Text.HiddenSize,
            ["encoder_hidden_size"] = Text.EncoderWidth,
            ["intermediate_size"] = Text.IntermediateSize,
            ["num_hidden_layers"] = Text.NumHiddenLayers,
            ["num_attention_heads"] = Text.NumAttentionHeads,
            ["max_position_embeddings"] = Text.MaxPositionEmbeddings,
            ["hidden_act"] = Text.HiddenAct,
            ["layer_norm_eps"] = Text.LayerNormEps,
            ["hidden_dropout_prob"] = Text.HiddenDropoutProb,
            ["attention_probs_dropout_prob"] = Text.AttentionProbsDropoutProb,
            ["is_decoder"] = true,
            ["bos_token_id"] = BosTokenId,
            ["sep_token_id"] = SepTokenId,
            ["pad_token_id"] = PadTokenId,
            ["eos_token_id"] = SepTokenId,
            // The output projection is its own parameter here (and is trained as such): tell transformers not to
            // tie it to the word embeddings, or it would overwrite the finetuned projection on load.
            ["tie_word_embeddings"] = false,
        };
        var root = new JsonObject
        {
            ["architectures"] = new JsonArray("BlipForConditionalGeneration"),
            ["model_type"] = "blip",
            ["tie_word_embeddings"] = false,
            ["text_config"] = text,
            ["vision_config"] = Vision.ToJson(),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>BLIP-base dimensions (<c>Salesforce/blip-image-captioning-base</c>) for a vocabulary of the given size.</summary>
    public static BlipConfig Base(int vocabSize, int bosTokenId, int sepTokenId, int padTokenId) => new(
        new BlipVisionConfig(),
        new BertConfig(VocabSize: vocabSize, HiddenSize: 768, NumHiddenLayers: 12, NumAttentionHeads: 12, IntermediateSize: 3072,
            TypeVocabSize: 0, PadTokenId: padTokenId, EncoderWidth: 768, IsDecoder: true, AddCrossAttention: true,
            HiddenDropoutProb: 0, AttentionProbsDropoutProb: 0),
        bosTokenId, sepTokenId, padTokenId);

    /// <summary>A very small BLIP for tests and smoke runs: 32² images, 8² patches, width 32, 2 layers each side.</summary>
    public static BlipConfig Tiny(int vocabSize, int bosTokenId, int sepTokenId, int padTokenId) => new(
        new BlipVisionConfig(ImageSize: 32, PatchSize: 8, HiddenSize: 32, IntermediateSize: 64, NumHiddenLayers: 2, NumAttentionHeads: 2),
        new BertConfig(VocabSize: vocabSize, HiddenSize: 32, NumHiddenLayers: 2, NumAttentionHeads: 2, IntermediateSize: 64,
            MaxPositionEmbeddings: 64, TypeVocabSize: 0, PadTokenId: padTokenId, EncoderWidth: 32, IsDecoder: true, AddCrossAttention: true,
            HiddenDropoutProb: 0, AttentionProbsDropoutProb: 0),
        bosTokenId, sepTokenId, padTokenId);
}
