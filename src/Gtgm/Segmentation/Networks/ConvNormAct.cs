using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Segmentation.Networks;

/// <summary>Two rounds of 3×3×3 convolution, instance normalisation and LeakyReLU(0.01): nnU-Net's decoder block.</summary>
public sealed class ConvNormAct : nn.Module<Tensor, Tensor>
{
    readonly Conv3d conv1, conv2;
    readonly InstanceNorm3d norm1, norm2;

    public ConvNormAct(int inChannels, int outChannels) : base(nameof(ConvNormAct))
    {
        conv1 = nn.Conv3d(inChannels, outChannels, 3, padding: 1);
        norm1 = nn.InstanceNorm3d(outChannels, affine: true);
        conv2 = nn.Conv3d(outChannels, outChannels, 3, padding: 1);
        norm2 = nn.InstanceNorm3d(outChannels, affine: true);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.leaky_relu(norm1.forward(conv1.forward(input)), 0.01);
        return nn.functional.leaky_relu(norm2.forward(conv2.forward(x)), 0.01).MoveToOuterDisposeScope();
    }
}
