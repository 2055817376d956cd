using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>
/// Token + absolute position (+ segment) embeddings, then LayerNorm and dropout: Hugging Face's
/// <c>BertEmbeddings</c>. With <c>type_vocab_size</c> 0 there is no <c>token_type_embeddings</c> table
/// (BLIP's text model has none).
/// </summary>
public sealed class BertEmbeddings : nn.Module
{
    // Field names are the state-dict keys: they must stay exactly as in transformers.
    readonly Embedding word_embeddings;
    readonly Embedding position_embeddings;
    readonly Embedding? token_type_embeddings;
    readonly LayerNorm LayerNorm;
    readonly double dropout;

    public BertEmbeddings(BertConfig config) : base(nameof(BertEmbeddings))
    {
        word_embeddings = nn.Embedding(config.VocabSize, config.HiddenSize, padding_idx: config.PadTokenId);
        position_embeddings = nn.Embedding(config.MaxPositionEmbeddings, config.HiddenSize);
        if (config.TypeVocabSize > 0) token_type_embeddings = nn.Embedding(config.TypeVocabSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, eps: config.LayerNormEps);
        dropout = config.HiddenDropoutProb;
        RegisterComponents();
    }

    /// <param name="inputIds">(batch, length) int64 token ids.</param>
    /// <param name="tokenTypeIds">(batch, length) segment ids, or null for all zeros.</param>
    /// <param name="pastLength">Position of the first token (for decoding with a cache); usually 0.</param>
    public Tensor forward(Tensor inputIds, Tensor? tokenTypeIds = null, long pastLength = 0)
    {
        using var scope = NewDisposeScope();
        long length = inputIds.shape[1];
        var positions = arange(pastLength, pastLength + length, dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0);
        var x = word_embeddings.call(inputIds) + position_embeddings.call(positions);
        if (token_type_embeddings is not null)
            x = x + token_type_embeddings.call(tokenTypeIds ?? zeros_like(inputIds));
        x = nn.functional.dropout(LayerNorm.call(x), dropout, training);
        return x.MoveToOuterDisposeScope();
    }
}
