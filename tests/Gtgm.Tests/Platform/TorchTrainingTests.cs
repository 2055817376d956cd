using Gtgm.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Tests.Platform;

public class TorchTrainingTests
{
    [Fact]
    public void ATinyThreeDConvNetLearnsInsideTheTestHost()
    {
        TorchRuntime.Seed(7);
        using var scope = NewDisposeScope();
        // Target: is the centre of the cube brighter than its border? Learnable by a 2-layer conv net.
        var x = randn(new long[] { 8, 1, 8, 8, 8 });
        var y = (x[.., .., 2..6, 2..6, 2..6].mean(new long[] { 1, 2, 3, 4 }) > x.mean(new long[] { 1, 2, 3, 4 })).to(float32);
        var net = nn.Sequential(
            ("conv", nn.Conv3d(1, 4, 3, padding: 1)), ("relu", nn.ReLU()),
            ("pool", nn.AdaptiveAvgPool3d(1)), ("flat", nn.Flatten()), ("fc", nn.Linear(4, 1)));
        var opt = optim.Adam(net.parameters(), lr: 0.05);
        float first = 0, last = 0;
        for (int step = 0; step < 60; step++)
        {
            using var inner = NewDisposeScope();
            opt.zero_grad();
            var loss = nn.functional.binary_cross_entropy_with_logits(net.forward(x).squeeze(1), y);
            loss.backward();
            opt.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < 0.5f * first, $"loss went from {first} to {last}");
    }

    [Fact]
    public void SameSeedGivesTheSameNumbers()
    {
        TorchRuntime.Seed(3);
        var a = randn(5).data<float>().ToArray();
        TorchRuntime.Seed(3);
        var b = randn(5).data<float>().ToArray();
        TorchRuntime.Seed(4);
        var c = randn(5).data<float>().ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void NamedRandomStreamsAreReproducibleAndIndependent()
    {
        Assert.Equal(Rng.Stream(1, "augment", 0).Next(), Rng.Stream(1, "augment", 0).Next());
        Assert.NotEqual(Rng.Stream(1, "augment", 0).Next(), Rng.Stream(1, "augment", 1).Next());
        Assert.NotEqual(Rng.Stream(1, "augment").Next(), Rng.Stream(1, "split").Next());
        Assert.NotEqual(Rng.Stream(1, "augment").Next(), Rng.Stream(2, "augment").Next());
    }

    [Fact]
    public void AskingForCudaWithoutItIsAUserError()
    {
        Skip.If(cuda.is_available());
        var e = Assert.Throws<UserInputException>(() => TorchRuntime.ResolveDevice("cuda"));
        Assert.Contains("--device cuda", e.Message);
        Assert.Equal(CPU.type, TorchRuntime.ResolveDevice("auto").type);
    }
}
