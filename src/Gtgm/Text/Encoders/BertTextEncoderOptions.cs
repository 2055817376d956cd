namespace Gtgm.Text.Encoders;

public sealed record BertTextEncoderOptions
{
    public const int DefaultMaxLength = 128;
    public const PoolingKind DefaultPooling = PoolingKind.Cls;

    /// <summary>Texts longer than this many WordPiece tokens ([CLS] and [SEP] included) are truncated.</summary>
    public int MaxLength { get; init; } = DefaultMaxLength;
    public PoolingKind Pooling { get; init; } = DefaultPooling;

    /// <summary>
    /// How many of the bottom transformer layers (with the embeddings) stay frozen when the model is
    /// trained through <see cref="BertTextEncoder.Model"/>; null freezes all (GTGM's setting).
    /// </summary>
    public int? FrozenLayers { get; init; }

    /// <summary>"cpu", "cuda", "cuda:1" or "auto".</summary>
    public string Device { get; init; } = "cpu";
}
