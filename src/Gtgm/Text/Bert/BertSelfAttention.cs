using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>
/// Multi-head scaled dot-product attention, Hugging Face's <c>BertSelfAttention</c>:
/// softmax(Q Kᵀ / sqrt(d_head) + mask) V per head. As cross-attention the keys and values come from
/// encoder states of width <c>keyValueWidth</c> (BLIP's image features), the queries from the text.
/// </summary>
public sealed class BertSelfAttention : nn.Module
{
    readonly Linear query;
    readonly Linear key;
    readonly Linear value;
    readonly int heads;
    readonly int headSize;
    readonly double dropout;

    /// <param name="keyValueWidth">Width of the states keys and values are computed from; the hidden size for self-attention.</param>
    public BertSelfAttention(BertConfig config, int keyValueWidth) : base(nameof(BertSelfAttention))
    {
        heads = config.NumAttentionHeads;
        headSize = config.HeadSize;
        query = nn.Linear(config.HiddenSize, heads * headSize);
        key = nn.Linear(keyValueWidth, heads * headSize);
        value = nn.Linear(keyValueWidth, heads * headSize);
        dropout = config.AttentionProbsDropoutProb;
        RegisterComponents();
    }

    /// <param name="hidden">(batch, queries, hidden).</param>
    /// <param name="mask">Additive mask broadcastable to (batch, heads, queries, keys), or null (see <see cref="AttentionMask"/>).</param>
    /// <param name="keyValueStates">(batch, keys, keyValueWidth) for cross-attention; null attends to <paramref name="hidden"/>.</param>
    /// <returns>(batch, queries, hidden) context.</returns>
    public Tensor forward(Tensor hidden, Tensor? mask = null, Tensor? keyValueStates = null)
    {
        using var scope = NewDisposeScope();
        var source = keyValueStates ?? hidden;
        var q = SplitHeads(query.call(hidden));
        var k = SplitHeads(key.call(source));
        var v = SplitHeads(value.call(source));
        var scores = matmul(q, k.transpose(-1, -2)) / Math.Sqrt(headSize);
        if (mask is not null) scores = scores + mask;
        var probs = nn.functional.dropout(scores.softmax(-1), dropout, training);
        var context = matmul(probs, v).permute(0, 2, 1, 3).contiguous();
        return context.reshape(context.shape[0], context.shape[1], heads * headSize).MoveToOuterDisposeScope();
    }

    Tensor SplitHeads(Tensor x) => x.view(x.shape[0], x.shape[1], heads, headSize).permute(0, 2, 1, 3);
}
