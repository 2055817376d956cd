using Gtgm.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Segmentation.Networks;

/// <summary>
/// Encoder plus <see cref="UNetDecoder"/>: [B, C, D, H, W] image to [B, K, D, H, W] class logits. Parameter
/// names are <c>encoder.*</c> and <c>decoder.*</c>, so encoder weights from pretraining load by name.
/// </summary>
public sealed class SegmentationNet : nn.Module<Tensor, Tensor>
{
    readonly Encoder3D encoder;
    readonly UNetDecoder decoder;

    public SegmentationNet(Encoder3D encoder, int numClasses) : base(nameof(SegmentationNet))
    {
        this.encoder = encoder;
        decoder = new UNetDecoder(encoder.InputChannels, encoder.FeatureChannels, encoder.FeatureStrides, numClasses);
        RegisterComponents();
    }

    public Encoder3D Encoder => encoder;
    public int NumClasses => decoder.NumClasses;
    public int InputChannels => encoder.InputChannels;

    /// <summary>Per-axis (z, y, x) factor every input extent must be a multiple of: the deepest encoder stride.</summary>
    public int[] SizeDivisor => encoder.FeatureStrides[^1];

    public override Tensor forward(Tensor input)
    {
        var divisor = SizeDivisor;
        for (int a = 0; a < 3; a++)
            if (input.shape[2 + a] % divisor[a] != 0)
                throw new ArgumentException(
                    $"Input extent {input.shape[2 + a]} on axis {a} is not a multiple of the encoder's total stride {divisor[a]}; pad the patch.");
        using var scope = NewDisposeScope();
        var features = encoder.ForwardFeatures(input);
        return decoder.forward(input, features).MoveToOuterDisposeScope();
    }
}
