using Gtgm.Networks;
using Gtgm.Networks.Swin;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Tests.Networks;

public class SwinEncoder3DTests
{
    static SwinEncoder3D Tiny() => new(new SwinConfig(EmbedDim: 6, Depths: new[] { 2, 1, 1, 1 }, Heads: new[] { 1, 2, 2, 4 }, Window: 2));

    [Fact]
    public void FeatureMapsHaveSwinUnetrChannelsAndStrides()
    {
        using var scope = NewDisposeScope();
        var net = Tiny();
        var maps = net.ForwardFeatures(randn(new long[] { 2, 1, 32, 64, 32 }));
        Assert.Equal(new[] { 6, 12, 24, 48, 96 }, net.FeatureChannels);
        for (int i = 0; i < 5; i++)
        {
            var s = net.FeatureStrides[i];
            Assert.Equal(new long[] { 2, net.FeatureChannels[i], 32 / s[0], 64 / s[1], 32 / s[2] }, maps[i].shape);
        }
        Assert.Equal(new long[] { 2, 96 }, net.forward(randn(new long[] { 2, 1, 32, 32, 32 })).shape);
    }

    [Fact]
    public void InputsNotDivisibleBy32ArePadded()
    {
        using var scope = NewDisposeScope();
        var maps = Tiny().ForwardFeatures(randn(new long[] { 1, 1, 20, 40, 33 }));
        // padded to 32 x 64 x 64
        Assert.Equal(new long[] { 1, 6, 16, 32, 32 }, maps[0].shape);
        Assert.Equal(new long[] { 1, 96, 1, 2, 2 }, maps[4].shape);
    }

    [Fact]
    public void RelativePositionIndexOfA2x2x2Window()
    {
        // Offsets per axis are in {-1, 0, 1}, shifted by +1 -> {0,1,2}; index = 9·dz + 3·dy + dx.
        // Self: (1,1,1) -> 13. Token 0 = (0,0,0) seen from token 7 = (1,1,1): offset (-1,-1,-1) -> 0; reverse -> 26.
        var index = WindowAttention3D.RelativePositionIndex(new long[] { 2, 2, 2 }, new long[] { 2, 2, 2 });
        Assert.Equal(new long[] { 8, 8 }, index.shape);
        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal(13L, index[i, i].item<long>()));
        Assert.Equal(0L, index[0, 7].item<long>());
        Assert.Equal(26L, index[7, 0].item<long>());
        Assert.Equal(9L * 1 + 3 * 1 + 2, index[1, 0].item<long>()); // token 1 = (0,0,1): offset (0,0,1)
    }

    [Fact]
    public void ASmallerWindowReadsTheSameOffsetsFromTheFullTable()
    {
        // Window 1x1x2 inside a table for 2x2x2: offsets (0,0,±1) -> 9·1 + 3·1 + (1±1) = 12 / 14; self 13.
        var index = WindowAttention3D.RelativePositionIndex(new long[] { 1, 1, 2 }, new long[] { 2, 2, 2 });
        Assert.Equal(new long[] { 13, 12, 14, 13 }, index.flatten().data<long>().ToArray());
    }

    [Fact]
    public void ShiftedWindowMaskSeparatesWrappedRegions()
    {
        // 4x4x4 tokens, window 2, shift 1: per axis regions {0,1}, {2}, {3}. 8 windows (z-major).
        var mask = SwinBlock3D.ShiftedWindowMask(new long[] { 4, 4, 4 }, new long[] { 2, 2, 2 }, new long[] { 1, 1, 1 });
        Assert.Equal(new long[] { 8, 8, 8 }, mask.shape);
        // Window (0,0,0) lies inside one region: nothing masked.
        Assert.Equal(0f, mask[0].abs().sum().item<float>());
        // Window (1,1,1): its 8 tokens come from 8 different regions: all masked but the diagonal.
        var last = mask[7];
        for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
            Assert.Equal(i == j ? 0f : -100f, last[i, j].item<float>());
        // Window (0,0,1): tokens differ only in x (x = 2 or 3, regions {2} and {3}); token t has x = t % 2.
        var xOnly = mask[1];
        for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
            Assert.Equal(i % 2 == j % 2 ? 0f : -100f, xOnly[i, j].item<float>());
    }

    [Fact]
    public void ShiftedBlockEqualsRollingTheInputThroughAnUnmaskedWindowWhenOneWindowCoversTheGrid()
    {
        // With a grid no larger than the window, SwinUNETR uses one window and no shift: the shifted block must
        // then equal the plain block with the same weights (the shift would otherwise wrap tokens).
        using var scope = NewDisposeScope();
        torch.manual_seed(3);
        var plain = new SwinBlock3D(4, 2, 4, shifted: false, 2.0);
        var shifted = new SwinBlock3D(4, 2, 4, shifted: true, 2.0);
        shifted.load_state_dict(plain.state_dict());
        var x = randn(new long[] { 1, 2, 4, 3, 4 });
        Assert.Equal(0f, (plain.forward(x) - shifted.forward(x)).abs().max().item<float>());
    }

    [Fact]
    public void ParameterNamesFollowMonai()
    {
        using var net = Tiny();
        var names = net.state_dict().Keys.ToHashSet();
        foreach (var key in new[]
        {
            "patch_embed.proj.weight", "layers1.0.blocks.0.norm1.weight", "layers1.0.blocks.1.attn.qkv.weight",
            "layers1.0.blocks.0.attn.relative_position_bias_table", "layers1.0.blocks.0.mlp.linear1.weight",
            "layers1.0.downsample.reduction.weight", "layers4.0.downsample.norm.bias",
        })
            Assert.Contains(key, names);
    }

    [Fact]
    public void RegistryBuildsAScaledSwin()
    {
        using var net = EncoderRegistry.Create("swin", 2, 0.25);
        Assert.Equal(12, net.FeatureChannels[0]);
        Assert.Equal(2, net.InputChannels);
    }
}
