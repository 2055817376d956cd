using Gtgm.Imaging;
using Gtgm.Imaging.Phantoms;

namespace Gtgm.Tests.Imaging.Phantoms;

public class PhantomTests
{
    static readonly (int, int, int) CtSize = (32, 96, 96), MriSize = (48, 56, 48), EmSize = (12, 96, 96);

    static Dictionary<int, double> Fractions(LabelVolume l) => l.Counts().ToDictionary(kv => kv.Key, kv => kv.Value / (double)l.Data.Length);

    [Theory]
    [InlineData(PhantomKind.CT)]
    [InlineData(PhantomKind.MRI)]
    [InlineData(PhantomKind.EM)]
    public void SameSeedGivesTheSameVolumeAndOtherSeedsDiffer(PhantomKind kind)
    {
        var size = kind switch { PhantomKind.CT => CtSize, PhantomKind.MRI => MriSize, _ => EmSize };
        var a = PhantomGenerator.Generate(kind, size, 11);
        var b = PhantomGenerator.Generate(kind, size, 11);
        var c = PhantomGenerator.Generate(kind, size, 12);
        Assert.Equal(a.Image.Data, b.Image.Data);
        Assert.Equal(a.Labels.Data, b.Labels.Data);
        Assert.NotEqual(a.Labels.Data, c.Labels.Data);
        Assert.True(a.Image.Geometry.SameGrid(a.Labels.Geometry));
        Assert.Equal(size, (a.Image.Depth, a.Image.Height, a.Image.Width));
        Assert.All(a.Image.Data, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void CtHasHounsfieldRangesOrganLabelsAndPlausibleFractions()
    {
        var p = CtAbdomenPhantom.Generate(CtSize, 3);
        Assert.Equal(Modality.CT, p.Image.Modality);
        Assert.InRange(p.Image.Data.Min(), -1024, -900);
        Assert.InRange(p.Image.Data.Max(), 300, 2000);
        var s = p.Image.Geometry.Spacing;
        Assert.True(s[0] > s[1], $"z spacing {s[0]} should be coarser than in-plane {s[1]}");
        var f = Fractions(p.Labels);
        Assert.Subset(new HashSet<int> { 0, 1, 2, 3, 4 }, f.Keys.ToHashSet());
        Assert.InRange(f[1], 0.03, 0.25);   // liver
        Assert.InRange(f[2], 0.003, 0.05);  // kidneys
        Assert.InRange(f[3], 0.003, 0.06);  // spleen
        Assert.True(f[0] > 0.6);
    }

    [Fact]
    public void CtLiverAndSpleenIntensitiesOverlap()
    {
        var p = CtAbdomenPhantom.Generate(CtSize, 5);
        var liver = Values(p, 1);
        var spleen = Values(p, 3);
        var (lo, hi) = (Percentile(liver, 0.05), Percentile(liver, 0.95));
        double inside = spleen.Count(v => v >= lo && v <= hi) / (double)spleen.Length;
        Assert.True(inside > 0.3, $"only {inside:P0} of spleen voxels fall within the liver's 5–95 % range");
    }

    [Fact]
    public void LesionsLieInsideTheLiverAcrossSeeds()
    {
        int withLesions = 0;
        for (int seed = 0; seed < 6; seed++)
        {
            var p = CtAbdomenPhantom.Generate((24, 64, 64), seed);
            if (p.Labels.Data.Contains(4)) withLesions++;
        }
        Assert.InRange(withLesions, 2, 6);
    }

    [Fact]
    public void MriHasTissueClassesBiasAndNonNegativeRicianIntensities()
    {
        var p = MriBrainPhantom.Generate(MriSize, 2);
        Assert.Equal(Modality.MRI, p.Image.Modality);
        Assert.True(p.Image.Data.Min() >= 0);
        var f = Fractions(p.Labels);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, f.Keys.ToArray());
        Assert.True(f[3] > f[4] && f[2] > f[4], "white and grey matter outweigh the ventricles");
        Assert.InRange(f[2] + f[3], 0.15, 0.6);
        var s = p.Image.Geometry.Spacing;
        Assert.Equal(s[0], s[2], 9);
        // White matter is brighter than grey matter on average (T1), yet their ranges overlap (bias + noise).
        var wm = Values(p, 3);
        var gm = Values(p, 2);
        Assert.True(wm.Average() > gm.Average());
        double wmLow = Percentile(wm, 0.05);
        Assert.True(gm.Count(v => v > wmLow) > 0);
    }

    [Fact]
    public void EmHasManyCellsMembranesAndEightBitIntensities()
    {
        var p = EmNeuropilPhantom.Generate(EmSize, 4);
        Assert.Equal(Modality.EM, p.Image.Modality);
        Assert.Equal("nm", p.Image.Geometry.Unit);
        Assert.Equal(new[] { 40.0, 4.0, 4.0 }, p.Image.Geometry.Spacing);
        Assert.All(p.Image.Data, v => Assert.InRange(v, 0, 255));
        var f = Fractions(p.Labels);
        Assert.InRange(f[0], 0.05, 0.35); // membranes
        Assert.True(f.Count > 20, $"{f.Count - 1} cells");
        Assert.Equal(Enumerable.Range(0, f.Count), f.Keys); // ids 1..n, consecutive
        Assert.True(Values(p, 0).Average() < p.Image.Data.Average() - 30, "membranes are darker than the mean");
        // Cells run through several sections: most cells appear in more than one z slice.
        var slices = new Dictionary<int, HashSet<int>>();
        for (int z = 0; z < p.Labels.Depth; z++)
            for (int i = 0; i < 96 * 96; i++)
            {
                int l = p.Labels.Data[z * 96 * 96 + i];
                if (l > 0) (slices.TryGetValue(l, out var set) ? set : slices[l] = new HashSet<int>()).Add(z);
            }
        Assert.True(slices.Values.Average(s => s.Count) > 3);
    }

    [Fact]
    public void TooSmallASizeIsRejected() =>
        Assert.Throws<ArgumentException>(() => CtAbdomenPhantom.Generate((2, 64, 64), 0));

    static float[] Values(Phantom p, int label) => p.Image.Data.Where((_, i) => p.Labels.Data[i] == label).ToArray();

    static double Percentile(float[] values, double q)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[(int)(q * (sorted.Length - 1))];
    }
}
