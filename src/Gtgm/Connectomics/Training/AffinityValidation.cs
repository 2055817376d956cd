using static TorchSharp.torch;

namespace Gtgm.Connectomics.Training;

/// <summary>Validation of an affinity net on one whole volume: the loss, and the CREMI scores after segmentation.</summary>
public sealed record AffinityValidationResult(double Loss, EmSegmentationScore Score);

/// <summary>
/// Scores an affinity net on a validation volume: sliding-window logits → <see cref="AffinityLoss"/> against the
/// volume's targets, and sigmoid → <see cref="AffinitySegmentation"/> (default thresholds) →
/// <see cref="EmSegmentationScore"/> against its neuron ids. The targets are computed once.
/// </summary>
public sealed class AffinityValidation : IDisposable
{
    readonly EmVolume _volume;
    readonly Tensor _targets, _mask;

    public AffinityValidation(EmVolume volume, ZeroLabel zero)
    {
        _volume = volume;
        var (affinities, mask) = AffinityTargets.Compute(volume.Labels, zero);
        long[] shape = { AffinityGraph.Axes, volume.Labels.Depth, volume.Labels.Height, volume.Labels.Width };
        _targets = tensor(affinities.Data, shape);
        _mask = tensor(mask.Data, shape);
    }

    public AffinityValidationResult Run(AffinityPredictor predictor, AffinityLoss loss)
    {
        using var logits = predictor.Logits(_volume.Raw);
        double lossValue;
        using (no_grad())
        using (var l = loss.forward(logits, _targets, _mask)) lossValue = l.item<float>();
        var segmentation = AffinitySegmentation.Segment(AffinityPredictor.Affinities(logits, _volume.Raw.Geometry));
        return new AffinityValidationResult(lossValue, EmSegmentationScore.Compute(segmentation, _volume.Labels));
    }

    public void Dispose()
    {
        _targets.Dispose();
        _mask.Dispose();
    }
}
