using Gtgm.Networks;
using Gtgm.Pretraining.Heads;
using Gtgm.Pretraining.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Objectives;

/// <summary>
/// SimSiam (Chen &amp; He 2021): one encoder + projector for both views, a bottleneck predictor (d -> d/4 -> d),
/// and the symmetric negative cosine with stop-gradient on the projections (<see cref="SimSiamLoss"/>).
/// </summary>
public sealed class SimSiamObjective : PretrainObjective
{
    readonly Encoder3D encoder;
    readonly ProjectionHead projector;
    readonly PredictionHead predictor;

    public override ObjectiveKind Kind => ObjectiveKind.SimSiam;
    public override Encoder3D Encoder => encoder;
    public override bool UsesText => false;

    public SimSiamObjective(Encoder3D encoder, int projectionDim = ProjectionHead.DefaultDim) : base(nameof(SimSiamObjective))
    {
        this.encoder = encoder;
        projector = new ProjectionHead(encoder.OutputDim, projectionDim);
        predictor = new PredictionHead(projectionDim, Math.Max(1, projectionDim / 4));
        RegisterComponents();
    }

    public override ObjectiveOutput Compute(PretrainBatch batch)
    {
        var z1 = projector.forward(Pooled(batch.View1));
        var z2 = projector.forward(Pooled(batch.View2));
        var loss = SimSiamLoss.Forward(predictor.forward(z1), predictor.forward(z2), z1, z2);
        return new ObjectiveOutput(loss, new Dictionary<string, Tensor> { ["loss"] = loss.detach(), ["loss_simsiam"] = loss.detach() }, null);
    }
}
