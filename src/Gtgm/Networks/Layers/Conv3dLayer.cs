using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Networks.Layers;

/// <summary>
/// A bias-free 3-D convolution whose weight is held in fp32 and which can run on bf16 copies of its input
/// and weight (<see cref="BFloat16"/>). TorchSharp has no autocast, so this is how mixed precision is done
/// here: the optimizer sees only the fp32 master weight, the cast is part of the graph, and its gradient
/// flows back to the fp32 weight in fp32. The parameter is named <c>weight</c> like PyTorch's Conv3d.
/// </summary>
public sealed class Conv3dLayer : nn.Module<Tensor, Tensor>
{
    readonly Parameter weight;
    readonly long[] _stride;
    readonly long[] _padding;

    /// <summary>Run the convolution in bf16 (output is bf16); fp32 when false.</summary>
    public bool BFloat16 { get; set; }

    public Conv3dLayer(long inChannels, long outChannels, long[] kernel, long[] stride, long[] padding, string name = "Conv3dLayer")
        : base(name)
    {
        _stride = stride;
        _padding = padding;
        weight = new Parameter(empty(new[] { outChannels, inChannels, kernel[0], kernel[1], kernel[2] }));
        // torchvision / MedicalNet ResNet initialisation: He normal, fan_out, for ReLU.
        nn.init.kaiming_normal_(weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
        RegisterComponents();
    }

    public Parameter Weight => weight;

    public override Tensor forward(Tensor input)
    {
        if (!BFloat16)
            return nn.functional.conv3d(input.dtype == ScalarType.Float32 ? input : input.to(ScalarType.Float32), weight, null, _stride, _padding);
        using var w = weight.to(ScalarType.BFloat16);
        var x = input.dtype == ScalarType.BFloat16 ? input : input.to(ScalarType.BFloat16);
        try { return nn.functional.conv3d(x, w, null, _stride, _padding); }
        finally { if (!ReferenceEquals(x, input)) x.Dispose(); }
    }
}
