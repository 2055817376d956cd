namespace Gtgm.Text.Encoders;

/// <summary>
/// A frozen sentence encoder. GTGM never trains it, so every caption's embedding can be computed once and
/// cached (see <see cref="Gtgm.Text.Embeddings.TextEmbeddingStore"/>).
/// </summary>
/// <remarks>
/// <see cref="Encode"/> returns the RAW pooled hidden states, not L2-normalised: the pretraining text
/// projector (Linear–BN–ReLU–Linear–BN) consumes them and normalisation happens after projection, in the
/// InfoNCE loss. Use <see cref="TextSimilarity"/> for cosines.
/// </remarks>
public interface ITextEncoder : IDisposable
{
    /// <summary>
    /// Stable identity of everything that decides the numbers: kind, model name, a hash of the weights,
    /// pooling and maximum length, e.g. <c>minilm:all-MiniLM-L6-v2:sha256=1a2b3c4d5e6f:mean:max256</c>.
    /// Cached embeddings are valid only for the same id.
    /// </summary>
    string Id { get; }

    /// <summary>Length of each embedding.</summary>
    int Dimension { get; }

    /// <summary>Embeds the texts in one batch (callers choose the batch size); one vector of <see cref="Dimension"/> per text.</summary>
    float[][] Encode(IReadOnlyList<string> texts);
}
