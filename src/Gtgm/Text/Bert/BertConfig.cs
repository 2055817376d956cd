using System.Text.Json;

namespace Gtgm.Text.Bert;

/// <summary>
/// The shape of a BERT: the fields of a Hugging Face <c>BertConfig</c> (<c>config.json</c>) that decide the
/// architecture. Keys absent from the file take Hugging Face's defaults, so a config that loads in
/// <c>transformers</c> loads here with the same meaning.
/// </summary>
/// <param name="EncoderWidth">
/// Width of the states that cross-attention attends to (BLIP's <c>encoder_hidden_size</c>); null means
/// <see cref="HiddenSize"/>. Only used when <see cref="AddCrossAttention"/> is set.
/// </param>
/// <param name="IsDecoder">Self-attention is causal: token i sees tokens 0..i only.</param>
/// <param name="AddCrossAttention">Each layer gets a <c>crossattention</c> block over encoder states.</param>
public sealed record BertConfig(
    int VocabSize = 30522,
    int HiddenSize = 768,
    int NumHiddenLayers = 12,
    int NumAttentionHeads = 12,
    int IntermediateSize = 3072,
    string HiddenAct = "gelu",
    int MaxPositionEmbeddings = 512,
    int TypeVocabSize = 2,
    double LayerNormEps = 1e-12,
    double HiddenDropoutProb = 0.1,
    double AttentionProbsDropoutProb = 0.1,
    int PadTokenId = 0,
    int? EncoderWidth = null,
    bool IsDecoder = false,
    bool AddCrossAttention = false)
{
    public int HeadSize => HiddenSize / NumAttentionHeads;

    /// <summary>Reads and validates a <c>config.json</c>.</summary>
    public static BertConfig Load(string path)
    {
        if (!File.Exists(path)) throw UserInputException.ForFile(path, "config file not found");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw UserInputException.ForFile(path, $"not valid JSON ({e.Message})"); }
        using (doc) return FromJson(doc.RootElement, path);
    }

    /// <summary>
    /// Reads the BERT fields of a JSON object: a whole <c>config.json</c>, or a nested one such as BLIP's
    /// <c>text_config</c>. <paramref name="source"/> names the file in error messages.
    /// </summary>
    public static BertConfig FromJson(JsonElement json, string source)
    {
        if (json.ValueKind != JsonValueKind.Object) throw UserInputException.ForFile(source, "expected a JSON object");
        var d = new BertConfig();
        var c = new BertConfig(
            VocabSize: Int(json, "vocab_size", d.VocabSize, source),
            HiddenSize: Int(json, "hidden_size", d.HiddenSize, source),
            NumHiddenLayers: Int(json, "num_hidden_layers", d.NumHiddenLayers, source),
            NumAttentionHeads: Int(json, "num_attention_heads", d.NumAttentionHeads, source),
            IntermediateSize: Int(json, "intermediate_size", d.IntermediateSize, source),
            HiddenAct: Str(json, "hidden_act", d.HiddenAct, source),
            MaxPositionEmbeddings: Int(json, "max_position_embeddings", d.MaxPositionEmbeddings, source),
            TypeVocabSize: Int(json, "type_vocab_size", d.TypeVocabSize, source),
            LayerNormEps: Num(json, "layer_norm_eps", d.LayerNormEps, source),
            HiddenDropoutProb: Num(json, "hidden_dropout_prob", d.HiddenDropoutProb, source),
            AttentionProbsDropoutProb: Num(json, "attention_probs_dropout_prob", d.AttentionProbsDropoutProb, source),
            PadTokenId: Int(json, "pad_token_id", d.PadTokenId, source),
            EncoderWidth: json.TryGetProperty("encoder_hidden_size", out _) ? Int(json, "encoder_hidden_size", 0, source) : null,
            IsDecoder: Bool(json, "is_decoder", false, source),
            AddCrossAttention: Bool(json, "add_cross_attention", false, source));
        c.Validate(source);
        return c;
    }

    /// <summary>Throws a <see cref="UserInputException"/> naming every inconsistent field.</summary>
    public void Validate(string source)
    {
        var problems = new List<string>();
        void Positive(string name, int value) { if (value <= 0) problems.Add($"{name} must be positive (is {value})"); }
        Positive("vocab_size", VocabSize);
        Positive("hidden_size", HiddenSize);
        Positive("num_hidden_layers", NumHiddenLayers);
        Positive("num_attention_heads", NumAttentionHeads);
        Positive("intermediate_size", IntermediateSize);
        Positive("max_position_embeddings", MaxPositionEmbeddings);
        if (TypeVocabSize < 0) problems.Add($"type_vocab_size must not be negative (is {TypeVocabSize})");
        if (NumAttentionHeads > 0 && HiddenSize % NumAttentionHeads != 0)
            problems.Add($"hidden_size {HiddenSize} is not a multiple of num_attention_heads {NumAttentionHeads}");
        if (EncoderWidth is <= 0) problems.Add($"encoder_hidden_size must be positive (is {EncoderWidth})");
        if (!BertActivation.IsKnown(HiddenAct))
            problems.Add($"hidden_act '{HiddenAct}' is not supported (use one of {string.Join(", ", BertActivation.Names)})");
        if (problems.Count > 0) throw UserInputException.ForFile(source, "invalid BERT configuration: " + string.Join("; ", problems));
    }

    static int Int(JsonElement json, string key, int fallback, string source)
    {
        if (!json.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return fallback;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i)) return i;
        throw UserInputException.ForFile(source, $"'{key}' must be an integer (is {v.GetRawText()})");
    }

    static double Num(JsonElement json, string key, double fallback, string source)
    {
        if (!json.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return fallback;
        if (v.ValueKind == JsonValueKind.Number) return v.GetDouble();
        throw UserInputException.ForFile(source, $"'{key}' must be a number (is {v.GetRawText()})");
    }

    static string Str(JsonElement json, string key, string fallback, string source)
    {
        if (!json.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return fallback;
        if (v.ValueKind == JsonValueKind.String) return v.GetString()!;
        throw UserInputException.ForFile(source, $"'{key}' must be a string (is {v.GetRawText()})");
    }

    static bool Bool(JsonElement json, string key, bool fallback, string source)
    {
        if (!json.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return fallback;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        throw UserInputException.ForFile(source, $"'{key}' must be true or false (is {v.GetRawText()})");
    }

    /// <summary>The <c>config.json</c> text Hugging Face writes for this configuration (architecture fields).</summary>
    public string ToJson()
    {
        var o = new Dictionary<string, object?>
        {
            ["architectures"] = new[] { "BertModel" },
            ["model_type"] = "bert",
            ["vocab_size"] = VocabSize,
            ["hidden_size"] = HiddenSize,
            ["num_hidden_layers"] = NumHiddenLayers,
            ["num_attention_heads"] = NumAttentionHeads,
            ["intermediate_size"] = IntermediateSize,
            ["hidden_act"] = HiddenAct,
            ["max_position_embeddings"] = MaxPositionEmbeddings,
            ["type_vocab_size"] = TypeVocabSize,
            ["layer_norm_eps"] = LayerNormEps,
            ["hidden_dropout_prob"] = HiddenDropoutProb,
            ["attention_probs_dropout_prob"] = AttentionProbsDropoutProb,
            ["pad_token_id"] = PadTokenId,
            ["is_decoder"] = IsDecoder,
            ["add_cross_attention"] = AddCrossAttention,
        };
        if (EncoderWidth is int w) o["encoder_hidden_size"] = w;
        return JsonSerializer.Serialize(o, new JsonSerializerOptions { WriteIndented = true });
    }
}
