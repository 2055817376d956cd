using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Networks.Swin;

/// <summary>
/// Multi-head self-attention inside one (wd, wh, ww) window of tokens, with Swin's learned relative position
/// bias: a table of (2wd-1)(2wh-1)(2ww-1) x heads entries indexed by the offset between two tokens.
/// Input [windows·B, N, C] with N = wd·wh·ww; an optional additive mask [windows, N, N] (0 or -100) keeps
/// tokens of a shifted window from attending across the wrap-around seam.
/// </summary>
public sealed class WindowAttention3D : nn.Module
{
    readonly Linear qkv, proj;
    readonly Parameter relative_position_bias_table;
    readonly Tensor relative_position_index;
    readonly int[] _window;
    readonly int _heads;
    readonly double _scale;

    public WindowAttention3D(int dim, int heads, int[] window) : base(nameof(WindowAttention3D))
    {
        _heads = heads;
        _scale = Math.Pow(dim / heads, -0.5);
        qkv = nn.Linear(dim, dim * 3);
        proj = nn.Linear(dim, dim);
        relative_position_bias_table = new Parameter(zeros((2 * window[0] - 1) * (2 * window[1] - 1) * (2 * window[2] - 1), heads));
        nn.init.trunc_normal_(relative_position_bias_table, std: 0.02);
        _window = window;
        relative_position_index = RelativePositionIndex(window, window);
        RegisterComponents();
    }

    /// <summary>
    /// [N, N] index into the bias table (laid out for window <paramref name="table"/>) of the offset from
    /// token j to token i of a window <paramref name="w"/> (no larger than the table's; tokens z-major).
    /// </summary>
    public static Tensor RelativePositionIndex(IReadOnlyList<long> w, IReadOnlyList<long> table)
    {
        var coords = stack(meshgrid(new[] { arange(w[0]), arange(w[1]), arange(w[2]) }, indexing: "ij")).flatten(1); // [3, N]
        var rel = (coords.unsqueeze(2) - coords.unsqueeze(1)).permute(1, 2, 0); // [N, N, 3]
        long sy = 2 * table[1] - 1, sx = 2 * table[2] - 1;
        return (rel[.., .., 0] + (table[0] - 1)) * (sy * sx) + (rel[.., .., 1] + (table[1] - 1)) * sx + (rel[.., .., 2] + (table[2] - 1));
    }

    static Tensor RelativePositionIndex(int[] w, int[] table) =>
        RelativePositionIndex(w.Select(v => (long)v).ToArray(), table.Select(v => (long)v).ToArray());

    /// <summary>
    /// Attention over windows of size <paramref name="window"/>, which may be smaller than the configured one
    /// (a token grid smaller than the window): the bias then comes from the matching offsets of the same table.
    /// </summary>
    public Tensor Forward(Tensor x, Tensor? mask, long[] window)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], n = x.shape[1], c = x.shape[2];
        var qkvs = qkv.forward(x).reshape(b, n, 3, _heads, c / _heads).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (qkvs[0] * _scale, qkvs[1], qkvs[2]);
        var attn = q.matmul(k.transpose(-2, -1)); // [b, heads, n, n]
        bool full = window.Zip(_window).All(p => p.First == p.Second);
        var index = full ? relative_position_index : RelativePositionIndex(window, _window.Select(v => (long)v).ToArray()).to(x.device);
        var bias = relative_position_bias_table[index.flatten()].reshape(n, n, _heads).permute(2, 0, 1);
        attn = attn + bias.unsqueeze(0);
        if (mask is not null)
        {
            long windows = mask.shape[0];
            attn = attn.view(b / windows, windows, _heads, n, n) + mask.unsqueeze(1).unsqueeze(0);
            attn = attn.view(b, _heads, n, n);
        }
        var y = attn.softmax(-1).matmul(v).transpose(1, 2).reshape(b, n, c);
        return proj.forward(y).MoveToOuterDisposeScope();
    }
}
