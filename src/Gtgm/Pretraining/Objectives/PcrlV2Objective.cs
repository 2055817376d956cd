using Gtgm.Networks;
using Gtgm.Networks.Layers;
using Gtgm.Pretraining.Heads;
using Gtgm.Pretraining.Losses;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Objectives;

/// <summary>
/// PCRLv2-style baseline (Zhou et al., TPAMI 2023), as implemented here:
/// <list type="number">
/// <item>Each view is corrupted by in-painting: cells of a coarse grid (1/4 of the depth, 1/8 of height and
/// width) are zeroed with probability <see cref="MaskRatio"/>; the clean view is the restoration target.</item>
/// <item>A decoder without skip connections (so restoration must pass through the deep features) climbs from
/// layer4 to the strides of layer3, layer2 and layer1: upsample, 3x3x3 conv, BN, ReLU; a 1x1x1 head at each
/// scale restores the input channels (<see cref="PcrlV2Loss.Restoration"/> against the pooled clean view).</item>
/// <item>At each decoder scale the globally pooled features of the two views go through a projector and a
/// predictor and meet in SimSiam's stop-gradient negative cosine.</item>
/// </list>
/// L = L_restore(view 1) / 2 + L_restore(view 2) / 2 + mean over scales of the siamese term.
/// The corruption draws from libtorch's generator, which the trainer seeds per step.
/// </summary>
public sealed class PcrlV2Objective : PretrainObjective
{
    const int Scales = 3;
    readonly Encoder3D encoder;
    readonly ModuleList<PcrlDecoderStage> decoder;
    readonly ModuleList<ProjectionHead> projectors;
    readonly ModuleList<PredictionHead> predictors;

    public double MaskRatio { get; }
    public override ObjectiveKind Kind => ObjectiveKind.PcrlV2;
    public override Encoder3D Encoder => encoder;
    public override bool UsesText => false;

    public PcrlV2Objective(Encoder3D encoder, int projectionDim = 128, double maskRatio = 0.25) : base(nameof(PcrlV2Objective))
    {
        this.encoder = encoder;
        MaskRatio = maskRatio;
        var channels = encoder.FeatureChannels;
        int deepest = channels.Count - 1;
        var stages = new List<PcrlDecoderStage>();
        var projs = new List<ProjectionHead>();
        var preds = new List<PredictionHead>();
        for (int s = 0; s < Scales; s++)
        {
            int inC = s == 0 ? channels[deepest] : channels[deepest - s];
            int outC = channels[deepest - s - 1];
            stages.Add(new PcrlDecoderStage(inC, outC, encoder.InputChannels));
            projs.Add(new ProjectionHead(outC, projectionDim));
            preds.Add(new PredictionHead(projectionDim, Math.Max(1, projectionDim / 4)));
        }
        decoder = nn.ModuleList(stages.ToArray());
        projectors = nn.ModuleList(projs.ToArray());
        predictors = nn.ModuleList(preds.ToArray());
        RegisterComponents();
    }

    public override ObjectiveOutput Compute(PretrainBatch batch)
    {
        var (restore1, pooled1) = Decode(Corrupt(batch.View1), batch.View1);
        var (restore2, pooled2) = Decode(Corrupt(batch.View2), batch.View2);
        var restoration = (restore1 + restore2) / 2;
        Tensor siamese = zeros(Array.Empty<long>(), device: batch.View1.device);
        for (int s = 0; s < Scales; s++)
        {
            var z1 = projectors[s].forward(pooled1[s]);
            var z2 = projectors[s].forward(pooled2[s]);
            siamese = siamese + SimSiamLoss.Forward(predictors[s].forward(z1), predictors[s].forward(z2), z1, z2);
        }
        siamese = siamese / Scales;
        var loss = restoration + siamese;
        var terms = new Dictionary<string, Tensor>
        {
            ["loss"] = loss.detach(), ["loss_restore"] = restoration.detach(), ["loss_siamese"] = siamese.detach(),
        };
        return new ObjectiveOutput(loss, terms, null);
    }

    (Tensor Restoration, Tensor[] Pooled) Decode(Tensor corrupted, Tensor clean)
    {
        var features = encoder.ForwardFeatures(corrupted);
        int deepest = features.Length - 1;
        var h = features[deepest];
        var restorations = new Tensor[Scales];
        var pooled = new Tensor[Scales];
        for (int s = 0; s < Scales; s++)
        {
            var size = features[deepest - s - 1].shape[2..];
            (h, restorations[s]) = decoder[s].forward(h, size);
            pooled[s] = nn.functional.adaptive_avg_pool3d(h, 1).flatten(1);
        }
        return (PcrlV2Loss.Restoration(restorations, clean), pooled);
    }

    Tensor Corrupt(Tensor view)
    {
        using var noGrad = no_grad();
        long d = view.shape[2], hh = view.shape[3], w = view.shape[4];
        var coarse = new[] { view.shape[0], 1, Math.Max(1, d / 4), Math.Max(1, hh / 8), Math.Max(1, w / 8) };
        var keep = (rand(coarse, device: view.device) >= MaskRatio).to(view.dtype);
        var mask = nn.functional.interpolate(keep, new[] { d, hh, w }, mode: InterpolationMode.Nearest);
        return view * mask;
    }
}

/// <summary>One PCRLv2 decoder step: upsample to the next scale, 3x3x3 conv + BN + ReLU, 1x1x1 restoration head.</summary>
public sealed class PcrlDecoderStage : nn.Module<Tensor, long[], (Tensor Features, Tensor Restoration)>
{
    readonly Conv3dLayer conv;
    readonly BatchNorm3d bn;
    readonly Conv3dLayer head;

    public PcrlDecoderStage(int inChannels, int outChannels, int imageChannels) : base(nameof(PcrlDecoderStage))
    {
        conv = new Conv3dLayer(inChannels, outChannels, new long[] { 3, 3, 3 }, new long[] { 1, 1, 1 }, new long[] { 1, 1, 1 });
        bn = nn.BatchNorm3d(outChannels);
        head = new Conv3dLayer(outChannels, imageChannels, new long[] { 1, 1, 1 }, new long[] { 1, 1, 1 }, new long[] { 0, 0, 0 });
        RegisterComponents();
    }

    public override (Tensor Features, Tensor Restoration) forward(Tensor x, long[] size)
    {
        var up = nn.functional.interpolate(x.to(ScalarType.Float32), size, mode: InterpolationMode.Trilinear, align_corners: false);
        var h = nn.functional.relu(bn.forward(conv.forward(up))).to(ScalarType.Float32);
        return (h, head.forward(h).to(ScalarType.Float32));
    }
}
