using Gtgm.Networks;
using Gtgm.Pretraining.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Tests.Pretraining;

public class ObjectiveTests
{
    const int TextDim = 6;

    static Encoder3D Tiny() => EncoderRegistry.Create("resnet10", 1, 4 / 64.0);

    static PretrainBatch Batch(bool text) => new(
        randn(new long[] { 3, 1, 8, 32, 32 }), randn(new long[] { 3, 1, 8, 32, 32 }),
        text ? randn(new long[] { 3, TextDim }) : null);

    static PretrainObjective Backward(ObjectiveKind kind)
    {
        torch.manual_seed(5);
        var objective = ObjectiveFactory.Create(kind, Tiny, TextDim, new ObjectiveOptions { ProjectionDim = 16 });
        var output = objective.Compute(Batch(objective.UsesText));
        Assert.True(float.IsFinite(output.Loss.item<float>()));
        output.Loss.backward();
        return objective;
    }

    static bool HasGrad(nn.Module m, string name) =>
        m.named_parameters().Single(p => p.name == name).parameter.grad is { } g && g.abs().sum().item<float>() > 0;

    [Theory]
    [InlineData(ObjectiveKind.Gtgm)]
    [InlineData(ObjectiveKind.Vlp)]
    [InlineData(ObjectiveKind.BarlowTwins)]
    [InlineData(ObjectiveKind.SimSiam)]
    [InlineData(ObjectiveKind.PcrlV2)]
    [InlineData(ObjectiveKind.Byol)]
    public void GradientReachesTheEncoderStemAndEveryTrainableParameter(ObjectiveKind kind)
    {
        using var scope = NewDisposeScope();
        var objective = Backward(kind);
        Assert.True(HasGrad(objective, "encoder.conv1.weight"));
        Assert.True(HasGrad(objective, "encoder.layer4.0.conv2.weight"));
        foreach (var (name, p) in objective.named_parameters().Where(p => p.parameter.requires_grad))
            Assert.True(p.grad is not null, $"{kind}: {name} got no gradient");
    }

    [Fact]
    public void GtgmTrainsBothProjectorsAndReportsBothTerms()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(5);
        var objective = ObjectiveFactory.Create(ObjectiveKind.Gtgm, Tiny, TextDim, new ObjectiveOptions { ProjectionDim = 16 });
        var output = objective.Compute(Batch(text: true));
        Assert.Equal(new[] { "loss", "loss_vlp", "loss_vr" }, output.Terms.Keys.OrderBy(k => k));
        double expected = output.Terms["loss_vlp"].item<float>() + 0.01 * output.Terms["loss_vr"].item<float>();
        Assert.Equal(expected, output.Loss.item<float>(), 4);
        Assert.InRange(output.ImageTextTop1!.Value, 0, 1);
        output.Loss.backward();
        Assert.True(HasGrad(objective, "text_projector.linear1.weight"));
        Assert.True(HasGrad(objective, "image_projector.linear2.weight"));
    }

    [Fact]
    public void BarlowTwinsAblationHasNoTextProjectorAndNeedsNoText()
    {
        using var scope = NewDisposeScope();
        var objective = Backward(ObjectiveKind.BarlowTwins);
        Assert.False(objective.UsesText);
        Assert.DoesNotContain(objective.named_parameters(), p => p.name.StartsWith("text_projector"));
    }

    [Fact]
    public void ByolTargetGetsNoGradientAndFollowsTheOnlineNetworkByEma()
    {
        using var scope = NewDisposeScope();
        var objective = Backward(ObjectiveKind.Byol);
        var target = objective.named_parameters().Where(p => p.name.StartsWith("target_")).ToList();
        Assert.NotEmpty(target);
        Assert.All(target, p => { Assert.False(p.parameter.requires_grad); Assert.Null(p.parameter.grad); });
        Assert.DoesNotContain(objective.TrainableParameters(), p => !p.requires_grad);

        var online = objective.named_parameters().Single(p => p.name == "encoder.conv1.weight").parameter;
        var tgt = objective.named_parameters().Single(p => p.name == "target_encoder.conv1.weight").parameter;
        Assert.Equal(0f, (online - tgt).abs().max().item<float>()); // starts as a copy
        using (no_grad()) online.add_(1f);
        var before = tgt.clone();
        // At step 0 of K the decay is τ_base = 0.996: target moves 0.4% of the way to the online weights.
        objective.AfterOptimizerStep(0, 100);
        Assert.Equal(0.004, (tgt - before).mean().item<float>(), 5);
    }
}
