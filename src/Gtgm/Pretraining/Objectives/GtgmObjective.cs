using Gtgm.Networks;
using Gtgm.Pretraining.Heads;
using Gtgm.Pretraining.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Objectives;

/// <summary>
/// GTGM's objective and its two ablations (Kind gtgm, vlp, vr):
/// <code>
/// f_v = encoder(view_v),  z_v = image_projector(f_v),  t = text_projector(text embedding)     v = 1, 2
/// L_VLP = ½ [ InfoNCE(z_1, t) + InfoNCE(z_2, t) ]      (symmetric, L2-normalised, τ = 0.07)
/// L_VR  = BarlowTwins(z_1, z_2)                          (λ_offdiag = 0.0051, / D)
/// L     = λ1 L_VLP + λ2 L_VR                              gtgm: λ1 = 1, λ2 = 0.01;  vlp: λ2 = 0;  vr: λ1 = 0
/// </code>
/// The text encoder is frozen and its embeddings precomputed, so on the text side only the text projector
/// trains. The two views run through the encoder separately, so each view's BatchNorm statistics are its own.
/// </summary>
public sealed class GtgmObjective : PretrainObjective
{
    readonly Encoder3D encoder;
    readonly ProjectionHead image_projector;
    readonly ProjectionHead? text_projector;
    readonly InfoNceLoss _infoNce;
    readonly BarlowTwinsLoss _barlow;

    public double VlpWeight { get; }
    public double VrWeight { get; }
    public override ObjectiveKind Kind { get; }
    public override Encoder3D Encoder => encoder;
    public override bool UsesText => VlpWeight > 0;

    public GtgmObjective(ObjectiveKind kind, Encoder3D encoder, int textDim, int projectionDim = ProjectionHead.DefaultDim,
        double temperature = InfoNceLoss.DefaultTemperature, bool standardizeBarlow = true, double vrWeight = 0.01)
        : base(nameof(GtgmObjective))
    {
        (VlpWeight, VrWeight) = kind switch
        {
            ObjectiveKind.Gtgm => (1.0, vrWeight),
            ObjectiveKind.Vlp => (1.0, 0.0),
            ObjectiveKind.BarlowTwins => (0.0, 1.0),
            _ => throw new ArgumentException($"{kind} is not a GTGM-family objective", nameof(kind)),
        };
        Kind = kind;
        this.encoder = encoder;
        image_projector = new ProjectionHead(encoder.OutputDim, projectionDim);
        if (UsesText)
        {
            if (textDim < 1) throw new ArgumentOutOfRangeException(nameof(textDim), "the text embedding size is needed for VLP");
            text_projector = new ProjectionHead(textDim, projectionDim);
        }
        _infoNce = new InfoNceLoss(temperature);
        _barlow = new BarlowTwinsLoss(standardize: standardizeBarlow);
        RegisterComponents();
    }

    public override ObjectiveOutput Compute(PretrainBatch batch)
    {
        var z1 = image_projector.forward(Pooled(batch.View1));
        var z2 = image_projector.forward(Pooled(batch.View2));
        var terms = new Dictionary<string, Tensor>();
        Tensor loss = zeros(Array.Empty<long>(), device: z1.device);
        double? top1 = null;
        if (UsesText)
        {
            if (batch.Text is null) throw new ArgumentException("this objective needs caption text embeddings");
            var t = text_projector!.forward(batch.Text);
            var vlp = (_infoNce.Forward(z1, t) + _infoNce.Forward(z2, t)) / 2;
            terms["loss_vlp"] = vlp.detach();
            loss = loss + VlpWeight * vlp;
            top1 = (InfoNceLoss.Top1Accuracy(z1, t) + InfoNceLoss.Top1Accuracy(z2, t)) / 2;
        }
        if (VrWeight > 0)
        {
            var vr = _barlow.Forward(z1, z2);
            terms["loss_vr"] = vr.detach();
            loss = loss + VrWeight * vr;
        }
        terms["loss"] = loss.detach();
        return new ObjectiveOutput(loss, terms, top1);
    }

    /// <summary>Image and text projections for retrieval evaluation (call in eval mode, under no_grad).</summary>
    public (Tensor Image, Tensor Text) Embed(Tensor view, Tensor text)
    {
        if (text_projector is null) throw new InvalidOperationException("this objective has no text projector");
        return (image_projector.forward(Pooled(view)), text_projector.forward(text));
    }
}
