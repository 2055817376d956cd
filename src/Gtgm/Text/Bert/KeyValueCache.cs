using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>
/// Incremental decoding state for a decoder <see cref="BertModel"/>: per layer, the self-attention keys and
/// values of every token fed so far (so a step feeds only the new token) and the cross-attention keys and
/// values of the encoder states (projected once per generation, on the first step).
/// </summary>
/// <remarks>
/// A cross-attention cache with batch 1 (one image) broadcasts over all sequences, so beam search over one image
/// never copies it; <see cref="SelectRows"/> leaves such a cache alone.
/// </remarks>
public sealed class KeyValueCache : IDisposable
{
    readonly AttentionCache[] self;
    readonly AttentionCache[] cross;

    public KeyValueCache(int layers)
    {
        self = Enumerable.Range(0, layers).Select(_ => new AttentionCache()).ToArray();
        cross = Enumerable.Range(0, layers).Select(_ => new AttentionCache()).ToArray();
    }

    public int Layers => self.Length;

    /// <summary>Tokens already fed: the position the next token takes.</summary>
    public long Length => self[0].Length;

    public AttentionCache SelfAttention(int layer) => self[layer];
    public AttentionCache CrossAttention(int layer) => cross[layer];

    /// <summary>
    /// Reorders the batch: row i becomes old row <paramref name="rows"/>[i]. Beam search passes each new beam's
    /// parent; greedy decoding passes the sequences still running.
    /// </summary>
    public void SelectRows(long[] rows)
    {
        using var scope = NewDisposeScope();
        var index = tensor(rows);
        foreach (var c in self) c.SelectRows(index);
        foreach (var c in cross)
            if (c.Keys is { } k && k.shape[0] > 1) c.SelectRows(index);
    }

    public void Dispose()
    {
        foreach (var c in self.Concat(cross)) c.Dispose();
    }
}
