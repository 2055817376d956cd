using System.Text.Json;
using System.Text.Json.Nodes;
using Gtgm.Imaging;
using Gtgm.IO;
using Gtgm.Networks;
using Gtgm.Segmentation.Networks;
using Gtgm.Transforms.Preprocessing;

namespace Gtgm.Segmentation.Finetuning;

/// <summary>
/// Everything needed to rebuild a finetuned model and feed it correctly, written to the run folder as
/// <c>model.json</c> beside <c>checkpoints/model.safetensors</c> (nnU-Net's "plans": decisions as data).
/// Evaluation and prediction read only this file and the checkpoint.
/// </summary>
/// <param name="FlipAxes">Axes (subset of "zyx") mirrored in training, and so in flip test-time augmentation.</param>
public sealed record SegmentationModelSpec(
    string EncoderArch, double Width, int InputChannels, IReadOnlyList<string> ClassNames, Modality Modality,
    ModalityPreprocessing Preprocessing, int[] Patch, string FlipAxes)
{
    public const string FileName = "model.json";

    public int NumClasses => ClassNames.Count;

    public SegmentationNet CreateNet() => new(EncoderRegistry.Create(EncoderArch, InputChannels, Width), NumClasses);

    public void Save(string path)
    {
        var p = Preprocessing;
        var json = new JsonObject
        {
            ["encoder_arch"] = EncoderArch,
            ["width"] = Width,
            ["input_channels"] = InputChannels,
            ["classes"] = new JsonArray(ClassNames.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
            ["modality"] = Modality.ToString(),
            ["patch"] = new JsonArray(Patch.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
            ["flip_axes"] = FlipAxes,
            ["preprocessing"] = new JsonObject
            {
                ["reorient_to_ras"] = p.ReorientToRas,
                ["target_spacing"] = p.TargetSpacing == null ? null : new JsonArray(p.TargetSpacing.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
                ["normalization"] = p.Normalization.ToString(),
                ["window_lower"] = p.WindowLower,
                ["window_upper"] = p.WindowUpper,
                ["foreground_margin"] = p.ForegroundMargin,
                ["minimum_size"] = new JsonArray(p.MinimumSize.D, p.MinimumSize.H, p.MinimumSize.W),
            },
        };
        AtomicFile.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public static SegmentationModelSpec Load(string path)
    {
        if (!File.Exists(path)) throw UserInputException.ForFile(path, "missing: is this a finetuning run folder?");
        try
        {
            var j = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var p = j["preprocessing"]!.AsObject();
            var min = p["minimum_size"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
            var modality = Enum.Parse<Modality>(j["modality"]!.GetValue<string>());
            var plan = new ModalityPreprocessing(
                modality,
                p["reorient_to_ras"]!.GetValue<bool>(),
                p["target_spacing"]?.AsArray().Select(v => v!.GetValue<double>()).ToArray(),
                Enum.Parse<IntensityNormalizationKind>(p["normalization"]!.GetValue<string>()),
                p["window_lower"]!.GetValue<float>(),
                p["window_upper"]!.GetValue<float>(),
                p["foreground_margin"]?.GetValue<int>(),
                (min[0], min[1], min[2]));
            return new SegmentationModelSpec(
                j["encoder_arch"]!.GetValue<string>(),
                j["width"]!.GetValue<double>(),
                j["input_channels"]!.GetValue<int>(),
                j["classes"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray(),
                modality,
                plan,
                j["patch"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray(),
                j["flip_axes"]!.GetValue<string>());
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw UserInputException.ForFile(path, $"not a valid model description ({e.Message})");
        }
    }
}
