namespace Gtgm.Segmentation.Finetuning;

/// <summary>The options of one finetuning run (the CLI's, resolved), recorded in the run's config.json.</summary>
/// <param name="Task">MSD task folder.</param>
/// <param name="Test">Task folder whose training pairs are the test set, used when the task has no labelled imagesTs.</param>
/// <param name="Encoder">"random", a pretraining run folder, or a .safetensors file.</param>
/// <param name="Steps">Optimizer steps; training also stops at <paramref name="TimeLimitMinutes"/> when that is set.</param>
/// <param name="TimeLimitMinutes">Wall-clock budget for training (0 = none). The poly learning-rate schedule follows
/// whichever of steps and time is further along, so a time-limited run still anneals to zero.</param>
/// <param name="ForegroundFraction">Share of patches centred on a foreground voxel (nnU-Net: 1/3).</param>
/// <param name="Spacing">Spacing (z, y, x) to resample to: null for the modality's default
/// (<see cref="Gtgm.Transforms.Preprocessing.ModalityPreprocessing.For"/>), an empty array for the native spacing.</param>
/// <param name="FlipAxes">Axes mirrored at random in training, a subset of "zyx" ("" for none).</param>
public sealed record FinetuneOptions(
    string Task,
    string? Test = null,
    string Encoder = "random",
    string EncoderArch = "resnet18",
    double Width = 1.0,
    double LabelFraction = 1.0,
    int Seed = 0,
    int SplitSeed = 0,
    int Steps = 1000,
    double TimeLimitMinutes = 0,
    int[]? Patch = null,
    int BatchSize = 2,
    double LearningRate = 1e-3,
    double WeightDecay = 3e-5,
    double ForegroundFraction = 1.0 / 3,
    string FlipAxes = "zyx",
    string Precision = "fp32",
    string Device = "cpu",
    int ValidateEvery = 100,
    double Overlap = 0.5,
    double[]? Spacing = null)
{
    public int[] PatchSize => Patch ?? new[] { 64, 64, 64 };
}
