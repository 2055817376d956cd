using Gtgm.Imaging;
using Gtgm.Imaging.Datasets;
using Gtgm.Imaging.Phantoms;
using Gtgm.Platform;
using Gtgm.Tests.Cli;

namespace Gtgm.Tests.Imaging.Phantoms;

public class DataPhantomsCommandTests
{
    [Fact]
    public void CtPhantomsFormAnMsdTaskThatReadsBackExactly()
    {
        using var dir = new TempDir();
        string folder = dir.File("ct");
        var r = CliRunner.Run("data", "phantoms", "--out", folder, "--kind", "ct", "--count", "2", "--size", "16,32,32", "--seed", "5");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("wrote 2 CT phantom volume(s)", r.Out);

        var task = MsdTask.Load(folder);
        Assert.Equal(Modality.CT, task.Modality);
        Assert.Equal(CtAbdomenPhantom.LabelNames, task.Labels);
        Assert.Equal(2, task.Training.Count);
        var image = task.ReadImage(task.Training[1]);
        var labels = task.ReadLabels(task.Training[1], image);
        var expected = CtAbdomenPhantom.Generate((16, 32, 32), Rng.Stream(5, "phantom-case", 1).Next());
        Assert.Equal(expected.Image.Data, image.Data);
        Assert.Equal(expected.Labels.Data, labels.Data);
        Assert.True(expected.Image.Geometry.SameGrid(image.Geometry, 1e-5));
    }

    [Fact]
    public void EmPhantomsAreCremiFiles()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("data", "phantoms", "--out", dir.Path, "--kind", "em", "--count", "1", "--size", "8,48,48");
        Assert.True(r.ExitCode == 0, r.Error);
        string file = Directory.GetFiles(dir.Path, "*.hdf").Single();
        var raw = VolumeIO.ReadImage(file);
        var ids = VolumeIO.ReadLabels(file);
        var expected = EmNeuropilPhantom.Generate((8, 48, 48), Rng.Stream(0, "phantom-case", 0).Next());
        Assert.Equal(expected.Image.Data, raw.Data);
        Assert.Equal(expected.Labels.Data, ids.Data);
        Assert.Equal(new[] { 40.0, 4.0, 4.0 }, raw.Geometry.Spacing);
    }

    [Theory]
    [InlineData("16,32")]
    [InlineData("16,x,32")]
    [InlineData("4,32,32")]
    public void ABadSizeIsOneClearError(string size)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("data", "phantoms", "--out", dir.Path, "--size", size);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--size", r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
    }
}
