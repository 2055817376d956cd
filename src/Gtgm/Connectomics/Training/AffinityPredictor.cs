using Gtgm.Imaging;
using Gtgm.Segmentation.Inference;
using Gtgm.Segmentation.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Connectomics.Training;

/// <summary>
/// Whole-volume affinities from an affinity net: Gaussian-weighted sliding windows
/// (<see cref="SlidingWindowInferer"/>) stitch the logits, and a sigmoid turns them into affinities. Averaging
/// logits rather than probabilities lets one pass give both the validation loss (which wants logits) and the
/// affinities; in the windows' overlap the two differ only where the windows disagree.
/// </summary>
public sealed class AffinityPredictor
{
    readonly SegmentationNet _net;
    readonly Device _device;
    readonly SlidingWindowInferer _inferer;

    public AffinityPredictor(SegmentationNet net, int[] window, Device device, double overlap = 0.5)
    {
        _net = net;
        _device = device;
        _inferer = new SlidingWindowInferer(window, overlap);
    }

    /// <summary>Stitched logits [3, D, H, W] (CPU) of a preprocessed one-channel volume.</summary>
    public Tensor Logits(Volume preprocessed)
    {
        _net.eval();
        using var image = tensor(preprocessed.Data, new long[] { preprocessed.Channels, preprocessed.Depth, preprocessed.Height, preprocessed.Width });
        return _inferer.Run(image, _net.forward, _device);
    }

    /// <summary>Affinities in [0, 1] as a [3, D, H, W] volume on <paramref name="geometry"/>.</summary>
    public static Volume Affinities(Tensor logits, VolumeGeometry geometry)
    {
        using var probabilities = logits.sigmoid();
        return new Volume(geometry, AffinityGraph.Axes, probabilities.data<float>().ToArray(), Modality.EM);
    }

    public Volume Predict(Volume preprocessed)
    {
        using var logits = Logits(preprocessed);
        return Affinities(logits, preprocessed.Geometry);
    }
}
