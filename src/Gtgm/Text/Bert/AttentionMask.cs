using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>
/// Turns 0/1 token masks into the additive masks attention scores take: 0 where a query may look, a large
/// negative number where it may not, so those keys get (numerically) zero weight after the softmax.
/// The negative number is the dtype's minimum, as in Hugging Face, so outputs match it bit for bit.
/// </summary>
public static class AttentionMask
{
    /// <summary>
    /// (batch, keys) 0/1 mask -> (batch, 1, 1, keys) additive mask. With <paramref name="causal"/> the
    /// result is (batch, 1, keys, keys) and query i also may not see keys after i (a decoder).
    /// </summary>
    public static Tensor Extended(Tensor mask, bool causal, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var allowed = mask.to(ScalarType.Bool).unsqueeze(1).unsqueeze(1);
        if (causal)
        {
            long n = mask.shape[1];
            var lower = ones(new long[] { n, n }, ScalarType.Bool, device: mask.device).tril();
            allowed = allowed.logical_and(lower.unsqueeze(0).unsqueeze(0));
        }
        double min = finfo(dtype).min;
        var additive = zeros(allowed.shape, dtype, device: mask.device).masked_fill(allowed.logical_not(), min);
        return additive.MoveToOuterDisposeScope();
    }
}
