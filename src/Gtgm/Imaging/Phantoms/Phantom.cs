namespace Gtgm.Imaging.Phantoms;

/// <summary>A generated volume, its label map, and what each label value means.</summary>
public sealed record Phantom(Volume Image, LabelVolume Labels, IReadOnlyDictionary<int, string> LabelNames);

/// <summary>The three built-in phantom kinds.</summary>
public enum PhantomKind { CT, MRI, EM }

public static class PhantomGenerator
{
    /// <summary>Generates one phantom of <paramref name="kind"/> with shape (z, y, x) from <paramref name="seed"/>.</summary>
    public static Phantom Generate(PhantomKind kind, (int D, int H, int W) size, int seed) => kind switch
    {
        PhantomKind.CT => CtAbdomenPhantom.Generate(size, seed),
        PhantomKind.MRI => MriBrainPhantom.Generate(size, seed),
        _ => EmNeuropilPhantom.Generate(size, seed),
    };

    internal static void RequireSize((int D, int H, int W) size, int minimum)
    {
        if (size.D < minimum || size.H < minimum || size.W < minimum)
            throw new ArgumentException($"A phantom needs at least {minimum} voxels per axis, got {size.D}×{size.H}×{size.W}.");
    }
}
