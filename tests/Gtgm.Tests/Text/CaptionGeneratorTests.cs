using Gtgm.Reporting;
using Gtgm.Text.Captioners.Descriptive;
using Gtgm.Text.Captions;
using Xunit.Abstractions;

namespace Gtgm.Tests.Text;

public class CaptionGeneratorTests(ITestOutputHelper output)
{
    static IReadOnlyList<CaptionSource> Sources() => new[]
    {
        new CaptionSource("synthetic-ct", "left", "left.nii.gz", () => SyntheticVolumes.BodyWithSphere(10)),
        new CaptionSource("synthetic-ct", "right", "right.nii.gz", () => SyntheticVolumes.BodyWithSphere(30)),
    };

    [Fact]
    public void WritesFilteredRecordsAndResumesWithoutRepeating()
    {
        using var dir = new TempDir();
        string path = dir.File("captions.jsonl");
        var options = new CaptionGenerationOptions(PerVolume: 3, Seed: 7);
        var reports = new List<ProgressUpdate>();
        var first = CaptionGenerator.Generate(Sources(), new DescriptiveCaptioner(), path, options, new SyncProgress(reports.Add));
        Assert.Equal((2, 0, 6), (first.Volumes, first.Skipped, first.Written));
        Assert.Equal(2, reports.Count);
        Assert.Equal(2, reports[^1].Done);

        var records = CaptionFile.Read(path);
        foreach (var r in records) output.WriteLine(r.Text);
        Assert.All(records, r => Assert.StartsWith("synthetic-ct: ", r.Text));
        Assert.All(records, r => Assert.Equal(DescriptiveCaptioner.Identity, r.Captioner));
        // Three different slices per volume, and every caption different.
        Assert.All(records.GroupBy(r => r.Volume), g => Assert.Equal(3, g.Select(r => r.Slice).Distinct().Count()));
        Assert.Equal(6, records.Select(r => r.Text).Distinct().Count());

        string before = File.ReadAllText(path);
        var again = CaptionGenerator.Generate(Sources(), new DescriptiveCaptioner(), path, options);
        Assert.Equal((2, 0), (again.Skipped, again.Written));
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void SameSeedGivesTheSameFileAndAResumedRunMatchesAFullOne()
    {
        using var dir = new TempDir();
        var options = new CaptionGenerationOptions(PerVolume: 2, Seed: 3);
        CaptionGenerator.Generate(Sources(), new DescriptiveCaptioner(), dir.File("a.jsonl"), options);
        CaptionGenerator.Generate(Sources().Take(1).ToList(), new DescriptiveCaptioner(), dir.File("b.jsonl"), options);
        CaptionGenerator.Generate(Sources(), new DescriptiveCaptioner(), dir.File("b.jsonl"), options);
        Assert.Equal(File.ReadAllText(dir.File("a.jsonl")), File.ReadAllText(dir.File("b.jsonl")));
        CaptionGenerator.Generate(Sources(), new DescriptiveCaptioner(), dir.File("c.jsonl"), options with { Seed = 4 });
        Assert.NotEqual(File.ReadAllText(dir.File("a.jsonl")), File.ReadAllText(dir.File("c.jsonl")));
    }

    [Fact]
    public void ZeroCaptionsPerVolumeIsAUserError()
    {
        using var dir = new TempDir();
        Assert.Throws<UserInputException>(() =>
            CaptionGenerator.Generate(Sources(), new DescriptiveCaptioner(), dir.File("x.jsonl"), new CaptionGenerationOptions(PerVolume: 0)));
    }

    sealed class SyncProgress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
