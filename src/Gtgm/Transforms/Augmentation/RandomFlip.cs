namespace Gtgm.Transforms.Augmentation;

/// <summary>Flips each enabled axis independently with probability <see cref="Probability"/> (MONAI <c>RandFlip</c> per axis).</summary>
public sealed class RandomFlip(double probability = 0.5, bool z = true, bool y = true, bool x = true) : IAugmentation
{
    public double Probability { get; } = probability;

    /// <summary>Draws the flips without applying them, so several views can share them.</summary>
    public AxisReorder Draw(Random rng)
    {
        // Always draw three numbers, so enabling an axis does not shift the rest of the stream.
        bool fz = rng.NextDouble() < Probability, fy = rng.NextDouble() < Probability, fx = rng.NextDouble() < Probability;
        return AxisReorder.Flips(z && fz, y && fy, x && fx);
    }

    public Patch Apply(Patch patch, Random rng) => patch.Reordered(Draw(rng));
}

/// <summary>
/// A random element of the axial plane's symmetry group: rot90 by k ∈ {0, 1, 2, 3} quarter turns in (y, x),
/// optionally after an x/y transpose. Non-square patches change shape (H and W swap) for odd k or a transpose.
/// </summary>
public sealed class RandomRot90(bool transpose = true) : IAugmentation
{
    public AxisReorder Draw(Random rng)
    {
        int k = rng.Next(4);
        bool t = rng.NextDouble() < 0.5;
        var rotation = AxisReorder.Rot90Axial(k);
        return transpose && t ? AxisReorder.TransposeXY.Then(rotation) : rotation;
    }

    public Patch Apply(Patch patch, Random rng) => patch.Reordered(Draw(rng));
}
