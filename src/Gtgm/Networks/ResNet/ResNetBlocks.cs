using Gtgm.Networks.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Networks.ResNet;

/// <summary>Which residual block a ResNet depth uses.</summary>
public enum ResNetBlockKind { Basic, Bottleneck }

static class ResNetLayers
{
    public static Conv3dLayer Conv(long inC, long outC, long k, long stride) =>
        new(inC, outC, new[] { k, k, k }, new[] { stride, stride, stride }, new[] { k / 2, k / 2, k / 2 });

    /// <summary>torchvision/MedicalNet shortcut "B": 1x1x1 convolution + BN, named downsample.0 / downsample.1.</summary>
    public static Sequential? Downsample(long inC, long outC, long stride) =>
        stride == 1 && inC == outC ? null : nn.Sequential(("0", Conv(inC, outC, 1, stride)), ("1", nn.BatchNorm3d(outC)));
}

/// <summary>Two 3x3x3 convolutions with an identity (or projected) shortcut; expansion 1.</summary>
public sealed class BasicBlock3D : nn.Module<Tensor, Tensor>
{
    public const int Expansion = 1;
    readonly Conv3dLayer conv1, conv2;
    readonly BatchNorm3d bn1, bn2;
    readonly Sequential? downsample;

    public BasicBlock3D(long inChannels, long planes, long stride) : base(nameof(BasicBlock3D))
    {
        conv1 = ResNetLayers.Conv(inChannels, planes, 3, stride);
        bn1 = nn.BatchNorm3d(planes);
        conv2 = ResNetLayers.Conv(planes, planes, 3, 1);
        bn2 = nn.BatchNorm3d(planes);
        downsample = ResNetLayers.Downsample(inChannels, planes * Expansion, stride);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = bn1.forward(conv1.forward(x)).relu_();
        y = bn2.forward(conv2.forward(y));
        var shortcut = downsample?.forward(x) ?? x;
        return y.add_(shortcut.to(y.dtype)).relu_().MoveToOuterDisposeScope();
    }
}

/// <summary>1x1x1 reduce, 3x3x3 (carrying the stride, as torchvision v1.5 and MedicalNet do), 1x1x1 expand x4.</summary>
public sealed class BottleneckBlock3D : nn.Module<Tensor, Tensor>
{
    public const int Expansion = 4;
    readonly Conv3dLayer conv1, conv2, conv3;
    readonly BatchNorm3d bn1, bn2, bn3;
    readonly Sequential? downsample;

    public BottleneckBlock3D(long inChannels, long planes, long stride) : base(nameof(BottleneckBlock3D))
    {
        conv1 = ResNetLayers.Conv(inChannels, planes, 1, 1);
        bn1 = nn.BatchNorm3d(planes);
        conv2 = ResNetLayers.Conv(planes, planes, 3, stride);
        bn2 = nn.BatchNorm3d(planes);
        conv3 = ResNetLayers.Conv(planes, planes * Expansion, 1, 1);
        bn3 = nn.BatchNorm3d(planes * Expansion);
        downsample = ResNetLayers.Downsample(inChannels, planes * Expansion, stride);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = bn1.forward(conv1.forward(x)).relu_();
        y = bn2.forward(conv2.forward(y)).relu_();
        y = bn3.forward(conv3.forward(y));
        var shortcut = downsample?.forward(x) ?? x;
        return y.add_(shortcut.to(y.dtype)).relu_().MoveToOuterDisposeScope();
    }
}
