using Gtgm.Pretraining.Training;

namespace Gtgm.Pretraining;

/// <summary>Everything `gtgm pretrain` resolved from its options: data, text, model and training settings.</summary>
public sealed record PretrainRequest
{
    /// <summary>Volume files or folders (MSD task folders, folders of volumes); each is one data set.</summary>
    public required IReadOnlyList<string> Data { get; init; }
    /// <summary>Modality for every volume, when the folders do not say (null: from the scan).</summary>
    public Imaging.Modality? Modality { get; init; }
    public string? CaptionsPath { get; init; }
    /// <summary>Embedding cache folder; null: <c>&lt;captions&gt;.embeddings</c> beside the captions file.</summary>
    public string? TextEmbeddingsPath { get; init; }
    /// <summary>Text encoder spec (minilm, bert:DIR) used to build a missing cache and to check an existing one; null: accept the cache's encoder, build with minilm.</summary>
    public string? TextEncoder { get; init; }
    public required PretrainSetup Setup { get; init; }
    public required PretrainOptions Options { get; init; }
    public (int D, int H, int W) Patch { get; init; } = (64, 64, 64);
    /// <summary>Resampling target: null for each modality's default, empty for native spacing, else (z, y, x) mm.</summary>
    public double[]? Spacing { get; init; }
    public long CacheBytes { get; init; } = 2L << 30;
    public required string RunsDirectory { get; init; }
    public required string Name { get; init; }
    public bool Resume { get; init; }
}
