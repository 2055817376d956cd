using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Networks.Swin;

/// <summary>
/// Halves the token grid: each 2x2x2 neighbourhood's 8 tokens are concatenated (8C), layer-normalised and
/// linearly reduced to 2C. Odd sizes are zero-padded first. [B, D, H, W, C] -> [B, D/2, H/2, W/2, 2C].
/// </summary>
public sealed class PatchMerging3D : nn.Module<Tensor, Tensor>
{
    readonly LayerNorm norm;
    readonly Linear reduction;

    public PatchMerging3D(int dim) : base(nameof(PatchMerging3D))
    {
        norm = nn.LayerNorm(8 * dim);
        reduction = nn.Linear(8 * dim, 2 * dim, hasBias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = nn.functional.pad(x, new long[] { 0, 0, 0, x.shape[3] % 2, 0, x.shape[2] % 2, 0, x.shape[1] % 2 });
        var parts = new List<Tensor>();
        for (int dz = 0; dz < 2; dz++)
        for (int dy = 0; dy < 2; dy++)
        for (int dx = 0; dx < 2; dx++)
            parts.Add(x[.., TensorIndex.Slice(dz, null, 2), TensorIndex.Slice(dy, null, 2), TensorIndex.Slice(dx, null, 2), ..]);
        return reduction.forward(norm.forward(cat(parts, -1))).MoveToOuterDisposeScope();
    }
}
