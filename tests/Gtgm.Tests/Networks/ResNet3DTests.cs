using Gtgm.Networks;
using Gtgm.Networks.Layers;
using Gtgm.Networks.ResNet;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Tests.Networks;

public class ResNet3DTests
{
    [Theory]
    [InlineData("resnet10", 1, 8, new[] { 8, 8, 16, 32, 64 })]
    [InlineData("resnet18", 2, 8, new[] { 8, 8, 16, 32, 64 })]
    [InlineData("resnet50", 1, 4, new[] { 4, 16, 32, 64, 128 })]
    public void FeatureMapsHaveTheDocumentedChannelsAndStrides(string name, int inChannels, int basePlanes, int[] channels)
    {
        using var scope = NewDisposeScope();
        var net = EncoderRegistry.Create(name, inChannels, basePlanes / 64.0);
        Assert.Equal(channels, net.FeatureChannels);
        var x = randn(new long[] { 2, inChannels, 16, 64, 32 });
        var maps = net.ForwardFeatures(x);
        Assert.Equal(5, maps.Length);
        for (int i = 0; i < maps.Length; i++)
        {
            var s = net.FeatureStrides[i];
            Assert.Equal(new long[] { 2, channels[i], 16 / s[0], 64 / s[1], 32 / s[2] }, maps[i].shape);
            Assert.Equal(ScalarType.Float32, maps[i].dtype);
        }
        Assert.Equal(new long[] { 2, channels[^1] }, net.forward(x).shape);
    }

    [Fact]
    public void ResNet50AtFullWidthPoolsTo2048()
    {
        using var net = EncoderRegistry.Create("resnet50");
        Assert.Equal(2048, net.OutputDim);
    }

    [Fact]
    public void ParameterNamesMatchTorchvisionAndMedicalNet()
    {
        using var net = EncoderRegistry.Create("resnet18", 1, 0.125);
        var names = net.state_dict().Keys.ToHashSet();
        string[] expected =
        {
            "conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked",
            "layer1.0.conv1.weight", "layer1.0.bn1.weight", "layer1.0.conv2.weight", "layer1.1.bn2.running_var",
            "layer2.0.downsample.0.weight", "layer2.0.downsample.1.weight", "layer2.0.downsample.1.running_mean",
            "layer4.1.conv2.weight", "layer4.1.bn2.bias",
        };
        foreach (var key in expected) Assert.Contains(key, names);
        Assert.DoesNotContain("layer1.0.downsample.0.weight", names);
        // 1 stem conv + 1 stem bn (5 tensors) ; per basic block 2 conv + 2 bn*5 ; 3 downsample (conv + bn*5)
        Assert.Equal(1 + 5 + 8 * (2 + 10) + 3 * 6, names.Count);
        Assert.Equal(new long[] { 8, 1, 3, 7, 7 }, net.state_dict()["conv1.weight"].shape);
    }

    [Fact]
    public void BottleneckNamesIncludeTheThirdConvolution()
    {
        using var net = EncoderRegistry.Create("resnet50", 1, 0.0625);
        var names = net.state_dict().Keys.ToHashSet();
        Assert.Contains("layer1.0.conv3.weight", names);
        Assert.Contains("layer1.0.downsample.0.weight", names); // 4 -> 16 channels needs a projection
        Assert.Contains("layer3.5.bn3.running_mean", names);
    }

    [Fact]
    public void MixedPrecisionKeepsFp32MasterWeightsAndAgreesWithFp32()
    {
        torch.manual_seed(1);
        using var scope = NewDisposeScope();
        var net = EncoderRegistry.Create("resnet10", 1, 0.125);
        var x = randn(new long[] { 2, 1, 8, 64, 64 });
        MixedPrecision.Apply(net, Precision.BFloat16Mixed);
        var y = net.forward(x);
        Assert.Equal(ScalarType.Float32, y.dtype);
        y.sum().backward();
        foreach (var p in net.parameters())
        {
            Assert.Equal(ScalarType.Float32, p.dtype);
            Assert.NotNull(p.grad);
            Assert.Equal(ScalarType.Float32, p.grad!.dtype);
        }
        net.eval();
        var mixed = net.forward(x);
        MixedPrecision.Apply(net, Precision.Float32);
        var reference = net.forward(x);
        // bf16 keeps ~3 significant digits; eval-mode outputs must agree to that order.
        double rel = (mixed - reference).abs().max().item<float>() / reference.abs().max().item<float>();
        Assert.True(rel < 0.05, $"bf16 and fp32 differ by {rel:P2}");
    }

    [Fact]
    public void UnknownEncoderNameIsAUserError()
    {
        var e = Assert.Throws<UserInputException>(() => EncoderRegistry.Create("vgg16"));
        Assert.Contains("resnet18", e.Message);
    }
}
