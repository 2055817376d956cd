using Gtgm.Networks.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Tests.Networks;

public class InPlaceAdamWTests
{
    static Parameter NewParameter(params float[] values) => new(tensor(values));

    /// <summary>loss = ½·Σp², so the gradient is p itself (taken before the decay of the same step).</summary>
    static void HalfSquareStep(InPlaceAdamW optimizer, Parameter p)
    {
        optimizer.ZeroGrad();
        using var loss = p.square().sum() * 0.5;
        loss.backward();
        optimizer.Step();
    }

    [Fact]
    public void TwoStepsMatchHandComputedValues()
    {
        using var p = NewParameter(1f, -2f);
        using var optimizer = new InPlaceAdamW(new[] { p }, lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 0.1, weightDecay: 0.5);

        // Step 1, g = (1, -2): decay p·(1 - 0.1·0.5) = (0.95, -1.9). Bias-corrected moments are m̂ = g, v̂ = g², so the
        // update is 0.1·g / (|g| + 0.1) = (0.1/1.1, -0.2/2.1): p = (0.859090909, -1.804761905). A large eps makes its
        // place visible: added before the bias correction it would give (0.95 - 0.0240, ...).
        HalfSquareStep(optimizer, p);
        var after1 = p.data<float>().ToArray();
        Assert.Equal(0.859090909, after1[0], 6);
        Assert.Equal(-1.804761905, after1[1], 6);

        // Step 2, g = p: m = 0.9·0.1·g1 + 0.1·g2 = (0.175909091, -0.360476190), v = 0.999·0.001·g1² + 0.001·g2² =
        // (0.001737037, 0.007253166); bias corrections 0.19 and 0.001999;
        // p = 0.95·p - 0.1/0.19 · m / (√v/√0.001999 + 0.1) = (0.726438788, -1.619890438).
        HalfSquareStep(optimizer, p);
        var after2 = p.data<float>().ToArray();
        Assert.Equal(0.726438788, after2[0], 6);
        Assert.Equal(-1.619890438, after2[1], 6);
    }

    [Fact]
    public void FiveStepsMatchTorchSharpAdamW()
    {
        using var ours = NewModel(seed: 7);
        using var reference = NewModel(seed: 7);
        using var oursOptimizer = new InPlaceAdamW(ours.parameters(), lr: 0.05, weightDecay: 0.1);
        using var referenceOptimizer = optim.AdamW(reference.parameters(), lr: 0.05, weight_decay: 0.1);
        torch.manual_seed(11);
        using var x = randn(new long[] { 6, 4 });
        double[] rates = { 0.05, 0.05, 0.02, 0.01, 0.005 };
        foreach (double lr in rates)
        {
            // The learning rate changes between steps, as a schedule does.
            oursOptimizer.LearningRate = lr;
            foreach (var group in referenceOptimizer.ParamGroups) group.LearningRate = lr;
            using (var scope = NewDisposeScope())
            {
                oursOptimizer.ZeroGrad();
                ours.forward(x).tanh().square().mean().backward();
                oursOptimizer.Step();
                referenceOptimizer.zero_grad();
                reference.forward(x).tanh().square().mean().backward();
                referenceOptimizer.step();
            }
        }
        var a = ours.parameters().ToArray();
        var b = reference.parameters().ToArray();
        Assert.Equal(b.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            using var diff = (a[i] - b[i]).abs().max();
            Assert.True(diff.item<float>() <= 1e-6f, $"parameter {i}: max |ours - TorchSharp| = {diff.item<float>()}");
        }
        using var moved = (a[0] - NewModel(seed: 7).parameters().First()).abs().max();
        Assert.True(moved.item<float>() > 1e-3f, "the optimizer did not move the weights");
    }

    static Sequential NewModel(int seed)
    {
        torch.manual_seed(seed);
        return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3));
    }

    [Fact]
    public void ParameterWithoutGradientIsLeftAlone()
    {
        using var used = NewParameter(1f, -2f);
        using var unused = NewParameter(3f, 4f);
        using var optimizer = new InPlaceAdamW(new[] { used, unused }, lr: 0.1, weightDecay: 0.5);
        HalfSquareStep(optimizer, used);
        Assert.Equal(new[] { 3f, 4f }, unused.data<float>().ToArray());
        Assert.NotEqual(1f, used.data<float>()[0]);
    }

    [Fact]
    public void SavedStateResumesExactly()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "optimizer.bin");
        using var p = NewParameter(1f, -2f, 0.5f);
        using var first = new InPlaceAdamW(new[] { p }, lr: 0.1, weightDecay: 0.05);
        HalfSquareStep(first, p);
        HalfSquareStep(first, p);
        first.Save(path);

        using var q = new Parameter(p.detach().clone());
        using var resumed = new InPlaceAdamW(new[] { q }, lr: 0.1, weightDecay: 0.05);
        resumed.Load(path);
        for (int i = 0; i < 3; i++)
        {
            HalfSquareStep(first, p);
            HalfSquareStep(resumed, q);
        }
        Assert.Equal(p.data<float>().ToArray(), q.data<float>().ToArray());

        // A fresh optimizer (step 1 again, zero moments) ends elsewhere: the state file carried something.
        using var r = new Parameter(q.detach().clone());
        using var fresh = new InPlaceAdamW(new[] { r }, lr: 0.1, weightDecay: 0.05);
        HalfSquareStep(first, p);
        HalfSquareStep(fresh, r);
        Assert.NotEqual(p.data<float>().ToArray(), r.data<float>().ToArray());
    }

    [Fact]
    public void LoadRejectsForeignOrMismatchedFiles()
    {
        using var dir = new TempDir();
        string foreign = Path.Combine(dir.Path, "foreign.bin");
        File.WriteAllText(foreign, "not an optimizer");
        using var p = NewParameter(1f, 2f);
        using var optimizer = new InPlaceAdamW(new[] { p });
        var e = Assert.Throws<UserInputException>(() => optimizer.Load(foreign));
        Assert.Contains("foreign.bin", e.Message);

        string two = Path.Combine(dir.Path, "two.bin");
        using var a = NewParameter(1f);
        using var b = NewParameter(2f);
        using (var other = new InPlaceAdamW(new[] { a, b })) other.Save(two);
        var mismatch = Assert.Throws<UserInputException>(() => optimizer.Load(two));
        Assert.Contains("2 parameters", mismatch.Message);
    }
}
