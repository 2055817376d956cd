using Gtgm.Platform;
using Gtgm.Segmentation.Losses;
using Gtgm.Segmentation.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Tests.Segmentation;

public class SegmentationNetTests
{
    [Fact]
    public void OutputHasInputResolutionAndOneChannelPerClass()
    {
        TorchRuntime.Seed(1);
        using var net = new SegmentationNet(new TinyEncoder(inChannels: 2), numClasses: 3);
        using var x = randn(new long[] { 2, 2, 4, 8, 12 });
        using var y = net.forward(x);
        Assert.Equal(new long[] { 2, 3, 4, 8, 12 }, y.shape);
    }

    [Fact]
    public void ExtentsThatAreNotMultiplesOfTheTotalStrideAreRefused()
    {
        using var net = new SegmentationNet(new TinyEncoder(), numClasses: 2);
        var e = Assert.Throws<ArgumentException>(() => net.forward(zeros(new long[] { 1, 1, 4, 8, 10 })));
        Assert.Contains("multiple", e.Message);
    }

    [Fact]
    public void ParametersAreNamedEncoderAndDecoder()
    {
        using var net = new SegmentationNet(new TinyEncoder(), numClasses: 2);
        var names = net.state_dict().Keys.ToList();
        Assert.Contains("encoder.stem.weight", names);
        Assert.Contains("decoder.upsample.0.weight", names);
        Assert.Contains("decoder.blocks.0.conv1.weight", names);
        Assert.Contains("decoder.input_block.norm1.weight", names);
        Assert.Contains("decoder.full_upsample.weight", names);
        Assert.Contains("decoder.head.weight", names);
        Assert.All(names, n => Assert.True(n.StartsWith("encoder.") || n.StartsWith("decoder."), n));
    }

    [Fact]
    public void LearnsToSegmentABrightCube()
    {
        TorchRuntime.Seed(5);
        using var scope = NewDisposeScope();
        var target = zeros(new long[] { 2, 4, 8, 8 }, int64);
        target[.., 1..3, 2..6, 2..6] = 1;
        var image = target.to(float32) + 0.3f * randn(new long[] { 2, 4, 8, 8 });
        image = image.unsqueeze(1);
        var net = new SegmentationNet(new TinyEncoder(), numClasses: 2);
        var loss = new DiceCeLoss();
        var optimizer = optim.AdamW(net.parameters(), lr: 0.01);
        double first = 0, last = 0;
        for (int step = 0; step < 40; step++)
        {
            using var inner = NewDisposeScope();
            optimizer.zero_grad();
            var l = loss.forward(net.forward(image), target);
            l.backward();
            optimizer.step();
            if (step == 0) first = l.item<float>();
            last = l.item<float>();
        }
        Assert.True(last < 0.3 * first, $"loss went from {first} to {last}");
    }
}
