using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Segmentation.Networks;

/// <summary>
/// A U-Net decoder for any <see cref="Gtgm.Networks.Encoder3D"/>. From the deepest feature map up, each stage
/// upsamples with a transposed convolution whose kernel and stride are the per-axis ratio of neighbouring
/// encoder strides (so an anisotropic (1,2,2) stem stride is undone exactly), concatenates the encoder's map
/// at that scale, and applies a <see cref="ConvNormAct"/> block. When the shallowest encoder map is below input
/// resolution, a last transposed convolution returns to full resolution, where the decoder's own small conv
/// block on the raw input supplies the full-resolution skip (the encoder has none there). A 1×1×1 convolution
/// gives the class logits. Input extents must be multiples of the deepest stride.
/// </summary>
public sealed class UNetDecoder : nn.Module<Tensor, Tensor[], Tensor>
{
    readonly ModuleList<ConvTranspose3d> upsample;
    readonly ModuleList<ConvNormAct> blocks;
    readonly ConvNormAct? input_block;
    readonly ConvTranspose3d? full_upsample;
    readonly ConvNormAct? full_block;
    readonly Conv3d head;

    public int NumClasses { get; }

    public UNetDecoder(int inputChannels, IReadOnlyList<int> featureChannels, IReadOnlyList<int[]> featureStrides, int numClasses)
        : base(nameof(UNetDecoder))
    {
        if (featureChannels.Count == 0 || featureChannels.Count != featureStrides.Count)
            throw new ArgumentException("The encoder must report one stride per feature map.");
        NumClasses = numClasses;
        upsample = new ModuleList<ConvTranspose3d>();
        blocks = new ModuleList<ConvNormAct>();
        // Stage i merges the decoder's running map (channels of stage i+1) into encoder map i.
        for (int i = featureChannels.Count - 2; i >= 0; i--)
        {
            var ratio = Ratio(featureStrides[i + 1], featureStrides[i], $"encoder stage {i + 1} vs {i}");
            upsample.Add(nn.ConvTranspose3d(featureChannels[i + 1], featureChannels[i], ratio, stride: ratio));
            blocks.Add(new ConvNormAct(2 * featureChannels[i], featureChannels[i]));
        }
        int finalChannels = featureChannels[0];
        if (featureStrides[0].Any(s => s != 1))
        {
            // Full resolution holds most voxels, so it gets half the stem's channels (at least 8).
            int fullChannels = Math.Max(8, featureChannels[0] / 2);
            var ratio = Ratio(featureStrides[0], new[] { 1, 1, 1 }, "encoder stage 0 vs input");
            input_block = new ConvNormAct(inputChannels, fullChannels);
            full_upsample = nn.ConvTranspose3d(finalChannels, fullChannels, ratio, stride: ratio);
            full_block = new ConvNormAct(2 * fullChannels, fullChannels);
            finalChannels = fullChannels;
        }
        head = nn.Conv3d(finalChannels, numClasses, 1);
        RegisterComponents();
    }

    static (long, long, long) Ratio(int[] coarse, int[] fine, string what)
    {
        var ratio = new long[3];
        for (int a = 0; a < 3; a++)
        {
            if (coarse[a] % fine[a] != 0)
                throw new ArgumentException($"{what}: stride {coarse[a]} is not a multiple of {fine[a]} on axis {a}.");
            ratio[a] = coarse[a] / fine[a];
        }
        return (ratio[0], ratio[1], ratio[2]);
    }

    /// <param name="input">The image the encoder saw, [B, C, D, H, W].</param>
    /// <param name="features">The encoder's maps, shallow to deep.</param>
    public override Tensor forward(Tensor input, Tensor[] features)
    {
        using var scope = NewDisposeScope();
        var x = features[^1];
        for (int k = 0; k < blocks.Count; k++)
        {
            int stage = features.Length - 2 - k;
            x = blocks[k].forward(cat(new[] { upsample[k].forward(x), features[stage] }, 1));
        }
        if (full_upsample != null)
            x = full_block!.forward(cat(new[] { full_upsample.forward(x), input_block!.forward(input) }, 1));
        return head.forward(x).MoveToOuterDisposeScope();
    }
}
