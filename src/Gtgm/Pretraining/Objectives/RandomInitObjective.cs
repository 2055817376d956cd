using Gtgm.Networks;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Objectives;

/// <summary>
/// The "no pretraining" baseline: holds a freshly initialised encoder, which the trainer checkpoints
/// without taking a step, so finetuning from it is finetuning from scratch under the same seed.
/// </summary>
public sealed class RandomInitObjective : PretrainObjective
{
    readonly Encoder3D encoder;

    public override ObjectiveKind Kind => ObjectiveKind.Random;
    public override Encoder3D Encoder => encoder;
    public override bool UsesText => false;

    public RandomInitObjective(Encoder3D encoder) : base(nameof(RandomInitObjective))
    {
        this.encoder = encoder;
        RegisterComponents();
    }

    public override ObjectiveOutput Compute(PretrainBatch batch) =>
        throw new InvalidOperationException("the random baseline trains nothing; the trainer writes the initial encoder");
}
