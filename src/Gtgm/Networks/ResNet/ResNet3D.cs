using Gtgm.Networks.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Networks.ResNet;

/// <summary>
/// 3-D ResNet-10/18/34 (basic blocks) and ResNet-50 (bottlenecks) with GTGM's stem.
/// <list type="bullet">
/// <item>Stem: conv1 kernel (3,7,7), stride (1,2,2), padding (1,3,3), no bias; bn1; ReLU; maxpool kernel 3,
/// stride (1,2,2), padding 1. Depth is kept at full resolution in the stem because medical patches are often
/// thin in z; this is the torchvision video-ResNet (r3d) stem that the GTGM paper specifies.</item>
/// <item>layer1..layer4: strides 1, 2, 2, 2 (isotropic), planes 64, 128, 256, 512 times <c>width</c>;
/// projection shortcut (1x1x1 conv + BN, "shortcut B") where shape changes, as in MedicalNet.</item>
/// </list>
/// Parameter names follow torchvision / MedicalNet (conv1.weight, bn1.running_mean, layer1.0.conv1.weight,
/// layer2.0.downsample.0.weight, ...), so weights map one to one (see docs/networks.md).
/// <see cref="Encoder3D.ForwardFeatures"/> returns [stem (after ReLU, before max-pool), layer1, layer2, layer3,
/// layer4] with strides (z,y,x) (1,2,2), (1,4,4), (2,8,8), (4,16,16), (8,32,32).
/// </summary>
public sealed class ResNet3D : Encoder3D
{
    readonly Conv3dLayer conv1;
    readonly BatchNorm3d bn1;
    readonly MaxPool3d maxpool;
    readonly Sequential layer1, layer2, layer3, layer4;
    readonly int[] _channels;
    readonly int _inChannels;

    public ResNetBlockKind Block { get; }
    public IReadOnlyList<int> Depths { get; }
    public double Width { get; }

    static readonly int[][] Strides =
    {
        new[] { 1, 2, 2 }, new[] { 1, 4, 4 }, new[] { 2, 8, 8 }, new[] { 4, 16, 16 }, new[] { 8, 32, 32 },
    };

    public ResNet3D(ResNetBlockKind block, IReadOnlyList<int> depths, int inChannels = 1, double width = 1.0)
        : base(nameof(ResNet3D))
    {
        if (depths.Count != 4 || depths.Any(d => d < 1)) throw new ArgumentException("a ResNet needs four stages of at least one block", nameof(depths));
        if (inChannels < 1) throw new ArgumentOutOfRangeException(nameof(inChannels));
        if (!(width > 0) || double.IsInfinity(width)) throw new ArgumentOutOfRangeException(nameof(width), "width must be positive");
        Block = block;
        Depths = depths.ToArray();
        Width = width;
        _inChannels = inChannels;
        int basePlanes = Math.Max(1, (int)Math.Round(64 * width));
        int expansion = block == ResNetBlockKind.Basic ? BasicBlock3D.Expansion : BottleneckBlock3D.Expansion;

        conv1 = new Conv3dLayer(inChannels, basePlanes, new long[] { 3, 7, 7 }, new long[] { 1, 2, 2 }, new long[] { 1, 3, 3 });
        bn1 = nn.BatchNorm3d(basePlanes);
        maxpool = nn.MaxPool3d(new long[] { 3, 3, 3 }, new long[] { 1, 2, 2 }, new long[] { 1, 1, 1 });
        long inC = basePlanes;
        var layers = new Sequential[4];
        for (int s = 0; s < 4; s++)
        {
            long planes = basePlanes << s;
            long stride = s == 0 ? 1 : 2;
            var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
            for (int b = 0; b < depths[s]; b++)
            {
                nn.Module<Tensor, Tensor> m = block == ResNetBlockKind.Basic
                    ? new BasicBlock3D(inC, planes, b == 0 ? stride : 1)
                    : new BottleneckBlock3D(inC, planes, b == 0 ? stride : 1);
                blocks.Add((b.ToString(), m));
                inC = planes * expansion;
            }
            layers[s] = nn.Sequential(blocks);
        }
        (layer1, layer2, layer3, layer4) = (layers[0], layers[1], layers[2], layers[3]);
        _channels = new[] { basePlanes, basePlanes * expansion, basePlanes * 2 * expansion, basePlanes * 4 * expansion, basePlanes * 8 * expansion };
        RegisterComponents();
    }

    public override IReadOnlyList<int> FeatureChannels => _channels;
    public override IReadOnlyList<int[]> FeatureStrides => Strides;
    public override int InputChannels => _inChannels;

    /// <summary>
    /// Feature maps shallow to deep, always fp32 (in bf16 mode the convolutions run in bf16 and each
    /// returned map is cast back, so decoders need not know the encoder's precision).
    /// </summary>
    public override Tensor[] ForwardFeatures(Tensor input)
    {
        using var scope = NewDisposeScope();
        return Stages(input).Select(t => t.to(ScalarType.Float32).MoveToOuterDisposeScope()).ToArray();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = Stages(input)[^1];
        return nn.functional.adaptive_avg_pool3d(x, 1).flatten(1).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>Stem (after ReLU) and layer1..layer4 outputs, in the convolutions' precision, in the caller's dispose scope.</summary>
    Tensor[] Stages(Tensor input)
    {
        EncoderInput.Check(input, _inChannels);
        var stem = bn1.forward(conv1.forward(input)).relu_();
        var l1 = layer1.forward(maxpool.forward(stem));
        var l2 = layer2.forward(l1);
        var l3 = layer3.forward(l2);
        return new[] { stem, l1, l2, l3, layer4.forward(l3) };
    }
}
