using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Networks.Swin;

/// <summary>
/// SwinUNETR's encoder (Hatamizadeh et al. 2022) as an <see cref="Encoder3D"/>: a 2x2x2 patch embedding
/// (conv, stride 2) to C channels, then four stages of Swin blocks (windowed self-attention, every second
/// block shifted) each ending in patch merging. <see cref="ForwardFeatures"/> returns, like SwinUNETR's
/// hidden states, the layer-normalised patch embedding and the output of each stage: channels C, 2C, 4C,
/// 8C, 16C at strides 2, 4, 8, 16, 32. Inputs whose sizes are not multiples of 32 are zero-padded at the
/// high end of each axis, and the maps cover the padded input.
/// Parameter names follow MONAI's SwinTransformer (patch_embed.proj, layers1.0.blocks.0.attn.qkv, ...).
/// </summary>
public sealed class SwinEncoder3D : Encoder3D
{
    readonly PatchEmbed3D patch_embed;
    readonly ModuleList<SwinStage3D> layers1, layers2, layers3, layers4;
    readonly int[] _channels;
    readonly int _inChannels;

    public SwinConfig Config { get; }

    public SwinEncoder3D(SwinConfig config, int inChannels = 1) : base(nameof(SwinEncoder3D))
    {
        config.Validate();
        Config = config;
        _inChannels = inChannels;
        int c = config.EmbedDim;
        patch_embed = new PatchEmbed3D(inChannels, c);
        var stages = Enumerable.Range(0, 4)
            .Select(s => nn.ModuleList(new SwinStage3D(c << s, config.StageDepths[s], config.StageHeads[s], config.Window, config.MlpRatio)))
            .ToArray();
        (layers1, layers2, layers3, layers4) = (stages[0], stages[1], stages[2], stages[3]);
        _channels = new[] { c, 2 * c, 4 * c, 8 * c, 16 * c };
        RegisterComponents();
    }

    static readonly int[][] Strides = { new[] { 2, 2, 2 }, new[] { 4, 4, 4 }, new[] { 8, 8, 8 }, new[] { 16, 16, 16 }, new[] { 32, 32, 32 } };

    public override IReadOnlyList<int> FeatureChannels => _channels;
    public override IReadOnlyList<int[]> FeatureStrides => Strides;
    public override int InputChannels => _inChannels;

    public override Tensor[] ForwardFeatures(Tensor input)
    {
        if (input.dim() != 5 || input.shape[1] != _inChannels)
            throw new ArgumentException($"expected input [B, {_inChannels}, D, H, W], got [{string.Join(", ", input.shape)}]");
        using var scope = NewDisposeScope();
        var pad = input.shape[2..].Select(s => (32 - s % 32) % 32).ToArray();
        var x = pad.Any(p => p > 0) ? nn.functional.pad(input, new long[] { 0, pad[2], 0, pad[1], 0, pad[0] }) : input;
        var tokens = patch_embed.forward(x).permute(0, 2, 3, 4, 1); // [B, D, H, W, C]
        var outputs = new List<Tensor> { tokens };
        foreach (var stage in new[] { layers1, layers2, layers3, layers4 })
        {
            tokens = stage[0].forward(tokens);
            outputs.Add(tokens);
        }
        // SwinUNETR's proj_out: layer norm over channels without parameters, then channels-first.
        return outputs.Select(t => nn.functional.layer_norm(t, new[] { t.shape[4] }).permute(0, 4, 1, 2, 3).contiguous().MoveToOuterDisposeScope()).ToArray();
    }
}

/// <summary>Patch embedding: Conv3d kernel 2, stride 2 (named proj, as in MONAI).</summary>
public sealed class PatchEmbed3D : nn.Module<Tensor, Tensor>
{
    readonly Conv3d proj;

    public PatchEmbed3D(int inChannels, int dim) : base(nameof(PatchEmbed3D))
    {
        proj = nn.Conv3d(inChannels, dim, 2, stride: 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => proj.forward(x);
}

/// <summary>One Swin stage: blocks (alternately plain and shifted windows), then patch merging (named downsample).</summary>
public sealed class SwinStage3D : nn.Module<Tensor, Tensor>
{
    readonly ModuleList<SwinBlock3D> blocks;
    readonly PatchMerging3D downsample;

    public SwinStage3D(int dim, int depth, int heads, int window, double mlpRatio) : base(nameof(SwinStage3D))
    {
        blocks = nn.ModuleList(Enumerable.Range(0, depth).Select(i => new SwinBlock3D(dim, heads, window, i % 2 == 1, mlpRatio)).ToArray());
        downsample = new PatchMerging3D(dim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        foreach (var block in blocks) x = block.forward(x);
        return downsample.forward(x);
    }
}
