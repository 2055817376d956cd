using Gtgm.Imaging;

namespace Gtgm.Transforms.Preprocessing;

/// <summary>
/// Applies a <see cref="ModalityPreprocessing"/> plan to an image (and its labels, which follow every geometric
/// step): reorient to RAS → resample to the target spacing → normalise intensities → crop to the foreground →
/// pad to the minimum size. Normalisation comes before the crop because the crop keys on nonzero voxels, and CT air
/// is only 0 after windowing.
/// </summary>
public sealed class Preprocessor
{
    public ModalityPreprocessing Plan { get; }

    public Preprocessor(ModalityPreprocessing plan) => Plan = plan;

    public static Preprocessor For(Modality modality) => new(ModalityPreprocessing.For(modality));

    public Volume Run(Volume image) => Run(image, null).Image;

    public (Volume Image, LabelVolume? Labels) Run(Volume image, LabelVolume? labels)
    {
        if (labels != null && !image.Geometry.SameGrid(labels.Geometry))
            throw new ArgumentException($"The labels ({labels.Geometry}) are not on the image's grid ({image.Geometry}).");
        if (Plan.ReorientToRas)
        {
            var reorder = Orientation.ToRas(image.Geometry.Affine);
            image = reorder.Apply(image);
            labels = labels == null ? null : reorder.Apply(labels);
        }
        if (Plan.TargetSpacing is { } spacing)
        {
            image = Resampling.ToSpacing(image, spacing);
            labels = labels == null ? null : Resampling.ToSpacing(labels, spacing);
        }
        image = Plan.Normalization switch
        {
            IntensityNormalizationKind.CtWindow => IntensityNormalization.CtWindow(image, Plan.WindowLower, Plan.WindowUpper),
            IntensityNormalizationKind.ZScoreNonzero => IntensityNormalization.ZScoreNonzero(image),
            IntensityNormalizationKind.MinMax => IntensityNormalization.MinMax(image),
            _ => image,
        };
        if (Plan.ForegroundMargin is int margin) (image, labels) = ForegroundCrop.Apply(image, labels, margin);
        return Padding.ToMinimum(image, labels, Plan.MinimumSize);
    }
}
