using System.Text.Json;
using System.Text.Json.Nodes;
using Gtgm.Configuration;

namespace Gtgm.Text.Blip;

/// <summary>
/// The ViT image encoder's shape: the fields of Hugging Face's <c>BlipVisionConfig</c> (<c>vision_config</c> in
/// <c>config.json</c>); absent keys take its defaults (BLIP-base: 384² images, 16² patches, 768 wide, 12 layers).
/// </summary>
public sealed record BlipVisionConfig(
    int ImageSize = 384,
    int PatchSize = 16,
    int HiddenSize = 768,
    int IntermediateSize = 3072,
    int NumHiddenLayers = 12,
    int NumAttentionHeads = 12,
    double LayerNormEps = 1e-5,
    string HiddenAct = "gelu",
    double AttentionDropout = 0.0)
{
    public int PatchesPerSide => ImageSize / PatchSize;
    public int NumPositions => PatchesPerSide * PatchesPerSide + 1;

    public static BlipVisionConfig FromJson(JsonElement json, string source)
    {
        var d = new BlipVisionConfig();
        var c = new BlipVisionConfig(
            ImageSize: JsonFields.Int(json, "image_size", d.ImageSize, source),
            PatchSize: JsonFields.Int(json, "patch_size", d.PatchSize, source),
            HiddenSize: JsonFields.Int(json, "hidden_size", d.HiddenSize, source),
            IntermediateSize: JsonFields.Int(json, "intermediate_size", d.IntermediateSize, source),
            NumHiddenLayers: JsonFields.Int(json, "num_hidden_layers", d.NumHiddenLayers, source),
            NumAttentionHeads: JsonFields.Int(json, "num_attention_heads", d.NumAttentionHeads, source),
            LayerNormEps: JsonFields.Num(json, "layer_norm_eps", d.LayerNormEps, source),
            HiddenAct: JsonFields.Str(json, "hidden_act", d.HiddenAct, source),
            AttentionDropout: JsonFields.Num(json, "attention_dropout", d.AttentionDropout, source));
        c.Validate(source);
        return c;
    }

    public void Validate(string source)
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[] { ("image_size", ImageSize), ("patch_size", PatchSize), ("hidden_size", HiddenSize),
                     ("intermediate_size", IntermediateSize), ("num_hidden_layers", NumHiddenLayers), ("num_attention_heads", NumAttentionHeads) })
            if (value <= 0) problems.Add($"vision_config.{name} must be positive (is {value})");
        if (PatchSize > 0 && ImageSize % PatchSize != 0) problems.Add($"vision_config.image_size {ImageSize} is not a multiple of patch_size {PatchSize}");
        if (NumAttentionHeads > 0 && HiddenSize % NumAttentionHeads != 0)
            problems.Add($"vision_config.hidden_size {HiddenSize} is not a multiple of num_attention_heads {NumAttentionHeads}");
        if (!Bert.BertActivation.IsKnown(HiddenAct)) problems.Add($"vision_config.hidden_act '{HiddenAct}' is not supported");
        if (problems.Count > 0) throw UserInputException.ForFile(source, "invalid BLIP configuration: " + string.Join("; ", problems));
    }

    public JsonObject ToJson() => new()
    {
        ["model_type"] = "blip_vision_model",
        ["image_size"] = ImageSize,
        ["patch_size"] = PatchSize,
        ["hidden_size"] = HiddenSize,
        ["intermediate_size"] = IntermediateSize,
        ["num_hidden_layers"] = NumHiddenLayers,
        ["num_attention_heads"] = NumAttentionHeads,
        ["layer_norm_eps"] = LayerNormEps,
        ["hidden_act"] = HiddenAct,
        ["attention_dropout"] = AttentionDropout,
    };
}
