using Gtgm.Imaging.Hdf5;

namespace Gtgm.Connectomics.Training;

/// <summary>The options of one affinity-training run (the CLI's, resolved), recorded in the run's config.json.</summary>
/// <param name="Train">CREMI file with raw and neuron ids to train on.</param>
/// <param name="Validation">CREMI file to validate on (whole volume), or null.</param>
/// <param name="ValidationSlices">Hold out the last this-many sections of <paramref name="Train"/> for validation
/// instead (0 = none); with <paramref name="Validation"/> unset this is how a run on one file selects its model
/// without touching a test file.</param>
/// <param name="Encoder">"random", a pretraining run folder, or a .safetensors file.</param>
/// <param name="Steps">Optimizer steps; training also stops at <paramref name="TimeLimitMinutes"/> when that is set.</param>
/// <param name="Balanced">Class-balanced loss (<see cref="AffinityLoss"/>).</param>
/// <param name="ZeroLabel">What neuron id 0 means for the targets (<see cref="Connectomics.ZeroLabel"/>).</param>
public sealed record AffinityTrainOptions(
    string Train,
    string? Validation = null,
    int ValidationSlices = 0,
    string Encoder = "random",
    string EncoderArch = "resnet18",
    double Width = 0.25,
    int[]? Patch = null,
    int BatchSize = 2,
    int Steps = 1000,
    double LearningRate = 1e-3,
    double WeightDecay = 3e-5,
    int Seed = 0,
    double TimeLimitMinutes = 0,
    int ValidateEvery = 100,
    bool Balanced = true,
    ZeroLabel ZeroLabel = ZeroLabel.Boundary,
    double Overlap = 0.5,
    string Device = "cpu",
    string RawDataset = CremiFile.Raw,
    string LabelsDataset = CremiFile.NeuronIds)
{
    public int[] PatchSize => Patch ?? new[] { 16, 64, 64 };

    public bool HasValidation => Validation != null || ValidationSlices > 0;
}
