using Gtgm.Networks.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Segmentation.Networks;

/// <summary>
/// Two rounds of 3×3×3 convolution, instance normalisation and LeakyReLU(0.01): nnU-Net's decoder block. The
/// convolutions are bias-free (the norm's shift replaces the bias) <see cref="Conv3dLayer"/>s, so
/// <see cref="MixedPrecision"/> can run them in bf16 like the encoder's; the block always returns fp32.
/// </summary>
public sealed class ConvNormAct : nn.Module<Tensor, Tensor>
{
    readonly Conv3dLayer conv1, conv2;
    readonly InstanceNorm3d norm1, norm2;

    public ConvNormAct(int inChannels, int outChannels) : base(nameof(ConvNormAct))
    {
        conv1 = Conv(inChannels, outChannels);
        norm1 = nn.InstanceNorm3d(outChannels, affine: true);
        conv2 = Conv(outChannels, outChannels);
        norm2 = nn.InstanceNorm3d(outChannels, affine: true);
        RegisterComponents();
    }

    static Conv3dLayer Conv(int inChannels, int outChannels) =>
        new(inChannels, outChannels, new long[] { 3, 3, 3 }, new long[] { 1, 1, 1 }, new long[] { 1, 1, 1 });

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.leaky_relu(norm1.forward(conv1.forward(input).to(ScalarType.Float32)), 0.01);
        return nn.functional.leaky_relu(norm2.forward(conv2.forward(x).to(ScalarType.Float32)), 0.01).MoveToOuterDisposeScope();
    }
}
