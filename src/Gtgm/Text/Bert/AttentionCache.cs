using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>
/// The keys and values one attention block has already projected, kept between decoding steps, each
/// (batch, heads, keys, head size). The tensors belong to the cache, outside any dispose scope, until they are
/// replaced or the cache is disposed.
/// </summary>
public sealed class AttentionCache : IDisposable
{
    Tensor? keys;
    Tensor? values;

    public Tensor? Keys => keys;
    public Tensor? Values => values;
    public bool IsEmpty => keys is null;

    /// <summary>Cached positions (the key axis); 0 when empty.</summary>
    public long Length => keys?.shape[2] ?? 0;

    /// <summary>Takes ownership of <paramref name="newKeys"/> and <paramref name="newValues"/>, releasing the previous ones.</summary>
    public void Set(Tensor newKeys, Tensor newValues)
    {
        var (oldKeys, oldValues) = (keys, values);
        keys = newKeys.DetachFromDisposeScope();
        values = newValues.DetachFromDisposeScope();
        if (!ReferenceEquals(oldKeys, keys)) oldKeys?.Dispose();
        if (!ReferenceEquals(oldValues, values)) oldValues?.Dispose();
    }

    /// <summary>Keeps the batch rows <paramref name="rows"/> (int64 indices, repeats allowed), in that order.</summary>
    public void SelectRows(Tensor rows)
    {
        if (keys is null || values is null) return;
        rows = rows.to(keys.device);
        Set(keys.index_select(0, rows), values.index_select(0, rows));
    }

    public void Dispose()
    {
        keys?.Dispose();
        values?.Dispose();
        keys = values = null;
    }
}
