using Gtgm.Networks;
using Gtgm.Pretraining.Heads;
using Gtgm.Pretraining.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Objectives;

/// <summary>
/// BYOL (Grill et al. 2020). Online network: encoder, projector, predictor. Target network: a copy of
/// encoder and projector that receives no gradient and follows the online weights by an exponential moving
/// average after every optimizer step, with BYOL's cosine schedule of the decay
/// τ_k = 1 - (1 - τ_base) (cos(π k / K) + 1) / 2,  τ_base = 0.996.
/// L = ByolLoss(q(z_1), z'_2) + ByolLoss(q(z_2), z'_1), primes marking target outputs.
/// </summary>
public sealed class ByolObjective : PretrainObjective
{
    readonly Encoder3D encoder;
    readonly ProjectionHead projector;
    readonly PredictionHead predictor;
    readonly Encoder3D target_encoder;
    readonly ProjectionHead target_projector;

    public double BaseDecay { get; }
    public override ObjectiveKind Kind => ObjectiveKind.Byol;
    public override Encoder3D Encoder => encoder;
    public override bool UsesText => false;

    public ByolObjective(Func<Encoder3D> createEncoder, int projectionDim = 256, int predictorHidden = 1024, double baseDecay = 0.996)
        : base(nameof(ByolObjective))
    {
        BaseDecay = baseDecay;
        encoder = createEncoder();
        projector = new ProjectionHead(encoder.OutputDim, projectionDim);
        predictor = new PredictionHead(projectionDim, predictorHidden);
        target_encoder = createEncoder();
        target_projector = new ProjectionHead(encoder.OutputDim, projectionDim);
        RegisterComponents();
        target_encoder.load_state_dict(encoder.state_dict());
        target_projector.load_state_dict(projector.state_dict());
        foreach (var p in target_encoder.parameters().Concat(target_projector.parameters())) p.requires_grad = false;
    }

    public override ObjectiveOutput Compute(PretrainBatch batch)
    {
        var q1 = predictor.forward(projector.forward(Pooled(batch.View1)));
        var q2 = predictor.forward(projector.forward(Pooled(batch.View2)));
        Tensor t1, t2;
        using (no_grad())
        {
            t1 = target_projector.forward(target_encoder.forward(batch.View1));
            t2 = target_projector.forward(target_encoder.forward(batch.View2));
        }
        var loss = ByolLoss.Forward(q1, t2) + ByolLoss.Forward(q2, t1);
        return new ObjectiveOutput(loss, new Dictionary<string, Tensor> { ["loss"] = loss.detach(), ["loss_byol"] = loss.detach() }, null);
    }

    public override void AfterOptimizerStep(long step, long totalSteps)
    {
        double tau = 1 - (1 - BaseDecay) * (Math.Cos(Math.PI * step / Math.Max(1, totalSteps)) + 1) / 2;
        using var noGrad = no_grad();
        Follow(target_encoder, encoder, tau);
        Follow(target_projector, projector, tau);
    }

    /// <summary>target = τ target + (1 - τ) online, for parameters; buffers (BN statistics) are copied.</summary>
    static void Follow(nn.Module target, nn.Module online, double tau)
    {
        var onlineParams = online.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in target.named_parameters()) p.mul_(tau).add_(onlineParams[name], alpha: 1 - tau);
        var onlineBuffers = online.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        foreach (var (name, b) in target.named_buffers()) b.copy_(onlineBuffers[name]);
    }
}
