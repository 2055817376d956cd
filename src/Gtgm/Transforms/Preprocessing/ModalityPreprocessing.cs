using Gtgm.Imaging;

namespace Gtgm.Transforms.Preprocessing;

/// <summary>How intensities are normalised; chosen per modality.</summary>
public enum IntensityNormalizationKind
{
    /// <summary>Clip to [WindowLower, WindowUpper] and map to 0..1 (CT, in HU).</summary>
    CtWindow,
    /// <summary>Z-score over nonzero voxels, per channel (MRI).</summary>
    ZScoreNonzero,
    /// <summary>Min-max to 0..1 per channel (EM).</summary>
    MinMax,
    None,
}

/// <summary>
/// One modality's preprocessing chain, as data (nnU-Net's "plans"): a pretraining or segmentation run writes
/// the plan it used into its config, and both call <see cref="Preprocessor"/> with it.
/// </summary>
/// <param name="TargetSpacing">Spacing (z, y, x) to resample to; null keeps the native spacing.</param>
/// <param name="ForegroundMargin">Margin in voxels around the nonzero box; null skips foreground cropping.</param>
/// <param name="MinimumSize">Pad each axis to at least this (z, y, x), so a patch always fits.</param>
public sealed record ModalityPreprocessing(
    Modality Modality,
    bool ReorientToRas,
    double[]? TargetSpacing,
    IntensityNormalizationKind Normalization,
    float WindowLower,
    float WindowUpper,
    int? ForegroundMargin,
    (int D, int H, int W) MinimumSize)
{
    /// <summary>
    /// The defaults: CT at 2.0 × 1.5 × 1.5 mm (z, y, x; the BTCV/GTGM setting) windowed to −175..250 HU; MRI at 1 mm
    /// isotropic with nonzero z-score; EM at its native spacing (sections are not interpolated) with min-max.
    /// CT and MRI are cropped to the foreground with a 2-voxel margin. All are padded to 64³ (EM to 16 × 64 × 64).
    /// </summary>
    public static ModalityPreprocessing For(Modality modality) => modality switch
    {
        Modality.CT => new(modality, true, new[] { 2.0, 1.5, 1.5 }, IntensityNormalizationKind.CtWindow, -175, 250, 2, (64, 64, 64)),
        Modality.MRI => new(modality, true, new[] { 1.0, 1.0, 1.0 }, IntensityNormalizationKind.ZScoreNonzero, 0, 0, 2, (64, 64, 64)),
        Modality.EM => new(modality, false, null, IntensityNormalizationKind.MinMax, 0, 0, null, (16, 64, 64)),
        _ => new(modality, true, null, IntensityNormalizationKind.MinMax, 0, 0, null, (64, 64, 64)),
    };

    /// <summary>
    /// This plan with a user's spacing choice: null keeps the plan's, an empty array means the native spacing
    /// (no resampling), three values are (z, y, x).
    /// </summary>
    public ModalityPreprocessing WithSpacing(double[]? spacing) =>
        spacing == null ? this : this with { TargetSpacing = spacing.Length == 0 ? null : spacing };
}
