using Gtgm.Connectomics.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Tests.Connectomics;

public class AffinityLossTests
{
    static Tensor T(params float[] values) => tensor(values);

    // BCE with logits, by hand: BCE(0, 1) = ln 2, BCE(1, 1) = ln(1 + e^-1), BCE(-1, 0) = ln(1 + e^-1), BCE(2, 0) = ln(1 + e^2).
    static readonly double Ln2 = Math.Log(2), LnOnePlusInvE = Math.Log(1 + Math.Exp(-1)), LnOnePlusE2 = Math.Log(1 + Math.Exp(2));

    static double Loss(bool balanced, Tensor logits, Tensor target, Tensor mask)
    {
        using var loss = new AffinityLoss(balanced);
        using var value = loss.forward(logits, target, mask);
        return value.item<float>();
    }

    [Fact]
    public void Plain_loss_is_the_mean_bce_over_masked_in_edges()
    {
        Assert.Equal((Ln2 + LnOnePlusE2) / 2, Loss(false, T(0, 2), T(1, 0), T(1, 1)), 5);
        Assert.Equal((Ln2 + 2 * LnOnePlusInvE) / 3, Loss(false, T(0, 1, -1), T(1, 1, 0), T(1, 1, 1)), 5);
    }

    [Fact]
    public void Balanced_loss_gives_each_class_half_the_weight()
    {
        // Two positives of three: f = 2/3, positives weigh 1/(2f) = 0.75, the negative 1/(2(1 − f)) = 1.5.
        double expected = (0.75 * Ln2 + 0.75 * LnOnePlusInvE + 1.5 * LnOnePlusInvE) / 3;
        Assert.Equal(expected, Loss(true, T(0, 1, -1), T(1, 1, 0), T(1, 1, 1)), 5);
        // Equal classes: the weights are 1 and the balanced loss is the plain one.
        Assert.Equal((Ln2 + LnOnePlusE2) / 2, Loss(true, T(0, 2), T(1, 0), T(1, 1)), 5);
        // Only positives: f clips to 0.95, so each weighs 1/1.9.
        Assert.Equal(Ln2 / 1.9, Loss(true, T(0, 0), T(1, 1), T(1, 1)), 5);
    }

    [Fact]
    public void Masked_out_edges_do_not_count_and_an_empty_mask_gives_zero()
    {
        foreach (bool balanced in new[] { false, true })
        {
            double kept = Loss(balanced, T(0, 1, -1), T(1, 1, 0), T(1, 1, 1));
            Assert.Equal(kept, Loss(balanced, T(0, 1, -1, 50, -50), T(1, 1, 0, 0, 1), T(1, 1, 1, 0, 0)), 5);
            Assert.Equal(0, Loss(balanced, T(3, -3), T(0, 1), T(0, 0)));
        }
    }

    [Fact]
    public void The_gradient_reaches_the_network_and_not_the_masked_edges()
    {
        manual_seed(0);
        using var conv = nn.Conv3d(1, 3, 3, padding: 1);
        using var input = rand(new long[] { 1, 1, 2, 4, 4 });
        var target = (rand(new long[] { 1, 3, 2, 4, 4 }) > 0.5).to(float32);
        var mask = ones(new long[] { 1, 3, 2, 4, 4 });
        mask[0, 1] = zeros(new long[] { 2, 4, 4 });
        var logits = conv.forward(input);
        logits.retain_grad();
        using var loss = new AffinityLoss();
        loss.forward(logits, target, mask).backward();
        Assert.True(conv.weight!.grad!.abs().sum().item<float>() > 0);
        Assert.Equal(0, logits.grad!.select(1, 1).abs().sum().item<float>());
        Assert.True(logits.grad!.select(1, 0).abs().sum().item<float>() > 0);
    }
}
