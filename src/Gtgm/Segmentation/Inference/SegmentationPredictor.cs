using Gtgm.Imaging;
using Gtgm.Segmentation.Finetuning;
using Gtgm.Transforms.Preprocessing;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Segmentation.Inference;

/// <summary>
/// A trained net with its preprocessing: source image in, label map on the source grid out. Preprocess →
/// sliding-window softmax (optionally flip-averaged) → probabilities back onto the source grid → argmax.
/// </summary>
public sealed class SegmentationPredictor
{
    readonly nn.Module<Tensor, Tensor> _net;
    readonly Device _device;
    readonly SlidingWindowInferer _inferer;
    readonly Func<Tensor, Tensor> _predict;

    public SegmentationModelSpec Spec { get; }

    /// <param name="net">Any module mapping [B, C, window] to class logits [B, K, window]; normally a <see cref="SegmentationNet"/>.</param>
    public SegmentationPredictor(nn.Module<Tensor, Tensor> net, SegmentationModelSpec spec, Device device, double overlap = 0.5, bool flipTta = false, int batchSize = 1)
    {
        _net = net;
        _device = device;
        Spec = spec;
        _inferer = new SlidingWindowInferer(spec.Patch, overlap, batchSize);
        Func<Tensor, Tensor> plain = x => nn.functional.softmax(_net.forward(x), 1);
        _predict = flipTta && spec.FlipAxes.Length > 0 ? FlipAugmentedPredictor.Wrap(plain, FlipAxes(spec.FlipAxes)) : plain;
    }

    /// <summary>Spatial axes (0 = z, 1 = y, 2 = x) named by a subset of "zyx".</summary>
    public static int[] FlipAxes(string axes) => axes.Select(c => "zyx".IndexOf(c)).Where(a => a >= 0).Distinct().Order().ToArray();

    /// <summary>Class probabilities [K, D, H, W] (CPU) for an image already on the network's grid.</summary>
    public Tensor PredictPreprocessed(Volume preprocessed)
    {
        _net.eval();
        using var image = tensor(preprocessed.Data, new long[] { preprocessed.Channels, preprocessed.Depth, preprocessed.Height, preprocessed.Width });
        return _inferer.Run(image, _predict, _device);
    }

    /// <summary>Segments a source image; the result has the image's exact geometry (shape and affine).</summary>
    public LabelVolume Predict(Volume source, string name)
    {
        RequireCompatible(source, name);
        var preprocessed = new Preprocessor(Spec.Preprocessing).Run(source);
        using var probabilities = PredictPreprocessed(preprocessed);
        var onSource = ProbabilityResampler.ToGrid(probabilities.data<float>().ToArray(), Spec.NumClasses, preprocessed.Geometry, source.Geometry);
        return new LabelVolume(source.Geometry, ProbabilityResampler.Argmax(onSource, Spec.NumClasses));
    }

    /// <summary>Refuses images the model was not trained for, naming the mismatch.</summary>
    public void RequireCompatible(Volume source, string name)
    {
        if (source.Channels != Spec.InputChannels)
            throw UserInputException.ForFile(name,
                $"has {source.Channels} channel(s) but the model was trained on {Spec.InputChannels}-channel {Spec.Modality} images");
        if (source.Modality != Spec.Modality)
            throw UserInputException.ForFile(name,
                $"is {source.Modality} but the model was trained on {Spec.Modality}; its intensity normalisation would not fit");
    }
}
