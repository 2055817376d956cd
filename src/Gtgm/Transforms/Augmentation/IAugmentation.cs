namespace Gtgm.Transforms.Augmentation;

/// <summary>
/// One random augmentation. All randomness comes from <paramref name="rng"/> (a <see cref="Gtgm.Platform.Rng.Stream"/>),
/// so a sample is reproducible from the seed whatever thread prepares it. Implementations may modify the
/// patch's arrays in place and return the same patch, or return a new one (when the shape changes).
/// </summary>
public interface IAugmentation
{
    Patch Apply(Patch patch, Random rng);
}

/// <summary>Applies augmentations in order.</summary>
public sealed class Compose(params IAugmentation[] steps) : IAugmentation
{
    public IReadOnlyList<IAugmentation> Steps { get; } = steps;

    public Patch Apply(Patch patch, Random rng)
    {
        foreach (var step in Steps) patch = step.Apply(patch, rng);
        return patch;
    }
}

/// <summary>Applies exactly one of its augmentations, chosen uniformly.</summary>
public sealed class OneOf(params IAugmentation[] choices) : IAugmentation
{
    public IReadOnlyList<IAugmentation> Choices { get; } = choices.Length > 0 ? choices : throw new ArgumentException("OneOf needs at least one augmentation.");

    public Patch Apply(Patch patch, Random rng) => Choices[rng.Next(Choices.Count)].Apply(patch, rng);
}
