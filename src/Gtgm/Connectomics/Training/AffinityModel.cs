using Gtgm.Imaging;
using Gtgm.Segmentation.Finetuning;
using Gtgm.Segmentation.Networks;
using Gtgm.Transforms.Preprocessing;
using static TorchSharp.torch;

namespace Gtgm.Connectomics.Training;

/// <summary>
/// An EM affinity network is a <see cref="SegmentationNet"/> with three output channels (the z, y, x affinities)
/// described by an ordinary <see cref="SegmentationModelSpec"/> (model.json): EM modality, the three channel
/// names below as its "classes", and the EM preprocessing. Those names are what marks a run folder as one of
/// <c>gtgm em train</c>'s, so prediction can refuse any other.
/// </summary>
public static class AffinityModel
{
    public static readonly IReadOnlyList<string> ChannelNames = new[] { "affinity_z", "affinity_y", "affinity_x" };

    /// <summary>Axes mirrored in training (x and y; sections are not mirrored in z).</summary>
    public const string FlipAxes = "yx";

    /// <summary>
    /// The project's EM preprocessing (<see cref="ModalityPreprocessing.For"/>: native spacing, min-max to 0..1)
    /// without its padding to a minimum size, so affinities stay on the raw volume's grid; sliding windows and
    /// patch crops pad small volumes themselves.
    /// </summary>
    public static ModalityPreprocessing Preprocessing => ModalityPreprocessing.For(Modality.EM) with { MinimumSize = (1, 1, 1) };

    public static SegmentationModelSpec Spec(string encoderArch, double width, int[] patch) =>
        new(encoderArch, width, 1, ChannelNames, Modality.EM, Preprocessing, patch, FlipAxes);

    public static bool IsAffinityModel(SegmentationModelSpec spec) =>
        spec.Modality == Modality.EM && spec.InputChannels == 1 && spec.ClassNames.SequenceEqual(ChannelNames);

    /// <summary>The selected weights of an <c>em train</c> run; any other folder is a <see cref="UserInputException"/> naming it.</summary>
    public static (SegmentationNet Net, SegmentationModelSpec Spec) Load(string runFolder, Device device)
    {
        string full = Path.GetFullPath(runFolder);
        if (!Directory.Exists(full)) throw UserInputException.ForFile(full, "no such run folder");
        string specPath = Path.Combine(full, SegmentationModelSpec.FileName);
        if (!File.Exists(specPath)) throw UserInputException.ForFile(full, "not an EM affinity run (no model.json; train one with gtgm em train)");
        var spec = SegmentationModelSpec.Load(specPath);
        if (!IsAffinityModel(spec))
            throw UserInputException.ForFile(full,
                $"not an EM affinity run: its model predicts {spec.Modality} classes ({string.Join(", ", spec.ClassNames)}), not the z, y, x affinities of gtgm em train");
        return SegmentationCheckpoint.Load(full, device);
    }
}
