using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Networks;

/// <summary>
/// A 3-D image encoder as pretraining and segmentation see it. <see cref="ForwardFeatures"/> returns the
/// feature map of every stage, shallow to deep, for U-Net skip connections; <c>forward</c> returns the
/// globally average-pooled deepest map, [B, <see cref="OutputDim"/>], for the projection heads.
/// Input is [B, C, D, H, W].
/// </summary>
public abstract class Encoder3D : nn.Module<Tensor, Tensor>
{
    protected Encoder3D(string name) : base(name) { }

    /// <summary>Channels of each map <see cref="ForwardFeatures"/> returns, shallow to deep.</summary>
    public abstract IReadOnlyList<int> FeatureChannels { get; }

    /// <summary>Down-sampling factor (z, y, x) of each map relative to the input, shallow to deep.</summary>
    public abstract IReadOnlyList<int[]> FeatureStrides { get; }

    public abstract int InputChannels { get; }

    public int OutputDim => FeatureChannels[^1];

    public abstract Tensor[] ForwardFeatures(Tensor input);

    public override Tensor forward(Tensor input)
    {
        var features = ForwardFeatures(input);
        var deepest = features[^1];
        for (int i = 0; i < features.Length - 1; i++) features[i].Dispose();
        return nn.functional.adaptive_avg_pool3d(deepest, 1).flatten(1);
    }
}
