using Gtgm.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Tests.Segmentation;

/// <summary>A two-stage test encoder with the anisotropic (1,2,2) stem stride the real ResNet has.</summary>
sealed class TinyEncoder : Encoder3D
{
    readonly Conv3d stem, stage;
    readonly int _in;

    public TinyEncoder(int inChannels = 1, int width = 4) : base(nameof(TinyEncoder))
    {
        _in = inChannels;
        stem = nn.Conv3d(inChannels, width, (3L, 3L, 3L), stride: (1L, 2L, 2L), padding: (1L, 1L, 1L));
        stage = nn.Conv3d(width, 2 * width, 3, stride: 2, padding: 1);
        FeatureChannels = new[] { width, 2 * width };
        RegisterComponents();
    }

    public override IReadOnlyList<int> FeatureChannels { get; }
    public override IReadOnlyList<int[]> FeatureStrides { get; } = new[] { new[] { 1, 2, 2 }, new[] { 2, 4, 4 } };
    public override int InputChannels => _in;

    public override Tensor[] ForwardFeatures(Tensor input)
    {
        var a = nn.functional.relu(stem.forward(input));
        return new[] { a, nn.functional.relu(stage.forward(a)) };
    }
}
