using System.Text.Json.Serialization;
using Gtgm.Networks;
using Gtgm.Pretraining.Objectives;

namespace Gtgm.Pretraining.Training;

/// <summary>
/// Everything needed to rebuild the trained modules from scratch: stored in every checkpoint so that
/// resume and <c>gtgm export-encoder</c> need nothing but the run folder.
/// </summary>
public sealed record PretrainSetup
{
    [JsonPropertyName("objective")] public required string Objective { get; init; }
    [JsonPropertyName("encoder")] public required string Encoder { get; init; }
    [JsonPropertyName("width")] public double Width { get; init; } = 1.0;
    [JsonPropertyName("in_channels")] public int InChannels { get; init; } = 1;
    [JsonPropertyName("text_dim")] public int TextDim { get; init; }
    /// <summary>Id of the text encoder whose embeddings trained the text projector (empty without text).</summary>
    [JsonPropertyName("text_encoder_id")] public string TextEncoderId { get; init; } = "";
    [JsonPropertyName("projection_dim")] public int ProjectionDim { get; init; } = Heads.ProjectionHead.DefaultDim;
    [JsonPropertyName("temperature")] public double Temperature { get; init; } = Losses.InfoNceLoss.DefaultTemperature;
    [JsonPropertyName("vr_weight")] public double VrWeight { get; init; } = 0.01;
    [JsonPropertyName("standardize_barlow")] public bool StandardizeBarlow { get; init; } = true;

    public ObjectiveKind Kind => ObjectiveNames.Parse(Objective);

    public Encoder3D CreateEncoder() => EncoderRegistry.Create(Encoder, InChannels, Width);

    public PretrainObjective CreateObjective() => ObjectiveFactory.Create(Kind, CreateEncoder, TextDim, new ObjectiveOptions
    {
        ProjectionDim = ProjectionDim, Temperature = Temperature, VrWeight = VrWeight, StandardizeBarlow = StandardizeBarlow,
    });
}
