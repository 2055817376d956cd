using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Networks.Swin;

/// <summary>
/// One Swin block on tokens [B, D, H, W, C]: x + W-MSA(LN(x)) then x + MLP(LN(x)), the attention running in
/// windows that are shifted by half a window (cyclically, with the seam masked) in every other block.
/// Where the token grid is no larger than the window along an axis, that axis uses the whole grid and no
/// shift (as SwinUNETR does).
/// </summary>
public sealed class SwinBlock3D : nn.Module<Tensor, Tensor>
{
    readonly LayerNorm norm1, norm2;
    readonly WindowAttention3D attn;
    readonly SwinMlp mlp;
    readonly int _window;
    readonly bool _shifted;
    readonly int _heads;
    readonly int _dim;

    public SwinBlock3D(int dim, int heads, int window, bool shifted, double mlpRatio) : base(nameof(SwinBlock3D))
    {
        _window = window;
        _shifted = shifted;
        _heads = heads;
        _dim = dim;
        norm1 = nn.LayerNorm(dim);
        attn = new WindowAttention3D(dim, heads, new[] { window, window, window });
        norm2 = nn.LayerNorm(dim);
        mlp = new SwinMlp(dim, (int)(dim * mlpRatio));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], c = x.shape[4];
        var size = new[] { x.shape[1], x.shape[2], x.shape[3] };
        var (window, shift) = WindowAndShift(size, _window, _shifted);
        var pad = size.Select((s, i) => (window[i] - s % window[i]) % window[i]).ToArray();
        var h = norm1.forward(x);
        h = nn.functional.pad(h, new long[] { 0, 0, 0, pad[2], 0, pad[1], 0, pad[0] });
        var padded = new[] { size[0] + pad[0], size[1] + pad[1], size[2] + pad[2] };
        Tensor? mask = null;
        bool anyShift = shift.Any(s => s > 0);
        if (anyShift)
        {
            h = h.roll(new long[] { -shift[0], -shift[1], -shift[2] }, new long[] { 1, 2, 3 });
            mask = ShiftedWindowMask(padded, window, shift, x.device);
        }
        var windows = Partition(h, window);
        var attended = attn.Forward(windows, mask, window);
        h = Merge(attended, window, b, padded, c);
        if (anyShift) h = h.roll(new long[] { shift[0], shift[1], shift[2] }, new long[] { 1, 2, 3 });
        h = h[.., ..(int)size[0], ..(int)size[1], ..(int)size[2], ..];
        x = x + h;
        return (x + mlp.forward(norm2.forward(x))).MoveToOuterDisposeScope();
    }

    static (long[] Window, long[] Shift) WindowAndShift(long[] size, int window, bool shifted)
    {
        var w = new long[3];
        var s = new long[3];
        for (int i = 0; i < 3; i++)
        {
            w[i] = size[i] <= window ? size[i] : window;
            s[i] = size[i] <= window || !shifted ? 0 : window / 2;
        }
        return (w, s);
    }

    /// <summary>[B, D, H, W, C] -> [B·windows, wd·wh·ww, C], windows in z-major order.</summary>
    static Tensor Partition(Tensor x, long[] w)
    {
        long b = x.shape[0], d = x.shape[1], h = x.shape[2], wd = x.shape[3], c = x.shape[4];
        return x.view(b, d / w[0], w[0], h / w[1], w[1], wd / w[2], w[2], c)
            .permute(0, 1, 3, 5, 2, 4, 6, 7).reshape(-1, w[0] * w[1] * w[2], c);
    }

    static Tensor Merge(Tensor windows, long[] w, long b, long[] size, long c) =>
        windows.view(b, size[0] / w[0], size[1] / w[1], size[2] / w[2], w[0], w[1], w[2], c)
            .permute(0, 1, 4, 2, 5, 3, 6, 7).reshape(b, size[0], size[1], size[2], c);

    /// <summary>
    /// The shifted-window attention mask, [windows, N, N]: after the cyclic shift, each axis splits into
    /// regions [0, size-window), [size-window, size-shift), [size-shift, size); tokens of one window may attend
    /// to each other only if they came from the same region on every axis (0), else -100.
    /// </summary>
    public static Tensor ShiftedWindowMask(long[] size, long[] window, long[] shift, Device? device = null)
    {
        var labels = zeros(new long[] { 1, size[0], size[1], size[2], 1 }, device: device);
        int region = 0;
        foreach (var (z0, z1) in Regions(size[0], window[0], shift[0]))
        foreach (var (y0, y1) in Regions(size[1], window[1], shift[1]))
        foreach (var (x0, x1) in Regions(size[2], window[2], shift[2]))
            labels[.., z0..z1, y0..y1, x0..x1, ..] = region++;
        var m = Partition(labels, window).squeeze(-1); // [windows, N]
        var diff = m.unsqueeze(1) - m.unsqueeze(2);
        return zeros_like(diff).masked_fill(diff.ne(0), -100f);
    }

    static IEnumerable<(int, int)> Regions(long size, long window, long shift)
    {
        if (shift == 0) { yield return (0, (int)size); yield break; }
        yield return (0, (int)(size - window));
        yield return ((int)(size - window), (int)(size - shift));
        yield return ((int)(size - shift), (int)size);
    }
}

/// <summary>The transformer MLP: Linear - GELU - Linear (MONAI names: linear1, linear2).</summary>
public sealed class SwinMlp : nn.Module<Tensor, Tensor>
{
    readonly Linear linear1, linear2;

    public SwinMlp(int dim, int hidden) : base(nameof(SwinMlp))
    {
        linear1 = nn.Linear(dim, hidden);
        linear2 = nn.Linear(hidden, dim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => linear2.forward(nn.functional.gelu(linear1.forward(x)));
}
