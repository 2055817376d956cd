using Gtgm.Imaging;
using Gtgm.Imaging.Hdf5;
using Gtgm.Imaging.Nifti;
using Gtgm.Text.Captioners.Descriptive;
using Gtgm.Text.Captions;
using Xunit.Abstractions;

namespace Gtgm.Tests.Text;

/// <summary>The descriptive captioner on the real volumes in shared/data (skipped where they are absent).</summary>
public class CaptionRealDataTests(ITestOutputHelper output)
{
    static List<CaptionSource> Sources()
    {
        string hippocampus = SharedData.Require("msd-hippocampus"), ct = SharedData.Require("ct-amos0336"), em = SharedData.Require("em-isbi2012");
        var sources = Directory.GetFiles(Path.Combine(hippocampus, "imagesTr"), "*.nii.gz").Order().Take(2)
            .Select(p => new CaptionSource("msd-hippocampus", Path.GetFileName(p), p, () => NiftiReader.ReadImage(p, Modality.MRI)))
            .ToList();
        string ctFile = Path.Combine(ct, "amos_0336.nii.gz"), emFile = Path.Combine(em, "train.h5");
        sources.Add(new CaptionSource("ct-amos0336", "amos_0336", ctFile, () => NiftiReader.ReadImage(ctFile, Modality.CT)));
        sources.Add(new CaptionSource("em-isbi2012", "train", emFile, () => CremiReader.ReadRaw(emFile).WithModality(Modality.EM)));
        return sources;
    }

    [SkippableFact]
    public void DifferentSlicesOfRealVolumesGetDifferentTextAndOneSeedOneFile()
    {
        var sources = Sources();
        using var dir = new TempDir();
        var options = new CaptionGenerationOptions(PerVolume: 3, Seed: 11);
        var result = CaptionGenerator.Generate(sources, new DescriptiveCaptioner(), dir.File("a.jsonl"), options);
        Assert.Equal(12, result.Written);
        var records = CaptionFile.Read(dir.File("a.jsonl"));
        foreach (var r in records) output.WriteLine($"[{r.Volume} {r.Axis} {r.Slice}] {r.Text}");
        foreach (var volume in records.GroupBy(r => r.Volume))
        {
            Assert.Equal(3, volume.Select(r => r.Slice).Distinct().Count());
            Assert.Equal(3, volume.Select(r => r.Raw).Distinct().Count());
        }
        Assert.Contains(records, r => r.Dataset == "ct-amos0336" && r.Text.Contains(" hu"));
        Assert.Contains(records, r => r.Dataset == "em-isbi2012" && r.Text.Contains("um x"));

        CaptionGenerator.Generate(sources, new DescriptiveCaptioner(), dir.File("b.jsonl"), options);
        Assert.Equal(File.ReadAllText(dir.File("a.jsonl")), File.ReadAllText(dir.File("b.jsonl")));
    }
}
