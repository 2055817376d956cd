using Gtgm.Pretraining.Objectives;
using Gtgm.Pretraining.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Tests.Pretraining;

public class PretrainStepTests
{
    static PretrainSetup Setup => new() { Objective = "gtgm", Encoder = "resnet10", Width = 4 / 64.0, TextDim = 8, ProjectionDim = 16 };

    static float[] StepOnce(int microBatches)
    {
        torch.manual_seed(9);
        using var objective = Setup.CreateObjective();
        using var step = new PretrainStep(objective, new OptimizerSettings(LearningRate: 1e-2, GradClipNorm: 0));
        var batch = new ShapePhantomSource(seed: 4).GetBatch(0, 4).ToDevice(CPU);
        var result = step.Run(Enumerable.Repeat(batch, microBatches).ToList(), 0, 1);
        Assert.True(double.IsNaN(result.GradNorm)); // clipping off
        // Compare gradients, not weights: AdamW's update is nearly invariant to the gradient's scale.
        return objective.named_parameters().Single(p => p.name == "encoder.conv1.weight").parameter.grad!.data<float>().ToArray();
    }

    [Fact]
    public void AccumulatingIdenticalMicroBatchesEqualsOneStepOnThatBatch()
    {
        // Each micro-batch's loss is divided by their count, so two identical micro-batches give the gradient of one.
        using var scope = NewDisposeScope();
        var one = StepOnce(1);
        var two = StepOnce(2);
        double scale = one.Max(MathF.Abs);
        Assert.True(scale > 0);
        for (int i = 0; i < one.Length; i++) Assert.True(Math.Abs(one[i] - two[i]) <= 1e-5 * scale, $"gradient {i}: {one[i]} vs {two[i]}");
    }

    [Fact]
    public void ClippingBoundsTheGlobalGradientNorm()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(9);
        using var objective = Setup.CreateObjective();
        using var step = new PretrainStep(objective, new OptimizerSettings(LearningRate: 1e-3, GradClipNorm: 1e-3));
        var result = step.Run(new ShapePhantomSource(seed: 4).GetBatch(0, 4).ToDevice(CPU));
        // clip_grad_norm_ returns the norm before clipping; afterwards the gradients' norm is the bound.
        Assert.True(result.GradNorm > 1e-3);
        double after = Math.Sqrt(objective.TrainableParameters().Sum(p => p.grad!.pow(2).sum().item<float>()));
        Assert.Equal(1e-3, after, 5);
    }
}
