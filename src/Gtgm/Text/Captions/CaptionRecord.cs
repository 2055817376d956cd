using System.Text.Json.Serialization;

namespace Gtgm.Text.Captions;

/// <summary>
/// One generated caption: a line of <c>captions.jsonl</c>. <see cref="Text"/> is the filtered caption that
/// supervises pretraining (already prefixed with the dataset name); <see cref="Raw"/> is what the captioner said.
/// </summary>
public sealed record CaptionRecord
{
    [JsonPropertyName("dataset")] public required string Dataset { get; init; }
    /// <summary>Volume id, unique within the dataset (the file name without extension).</summary>
    [JsonPropertyName("volume")] public required string Volume { get; init; }
    /// <summary>Path of the volume file the slice came from.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }
    /// <summary>"axial", "coronal" or "sagittal".</summary>
    [JsonPropertyName("axis")] public required string Axis { get; init; }
    [JsonPropertyName("slice")] public required int Slice { get; init; }
    [JsonPropertyName("raw")] public required string Raw { get; init; }
    [JsonPropertyName("text")] public required string Text { get; init; }
    /// <summary>Captioner identity, e.g. "descriptive-v1" or "blip:/models/blip-medicat".</summary>
    [JsonPropertyName("captioner")] public required string Captioner { get; init; }
}
