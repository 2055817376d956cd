using Gtgm.Connectomics;
using Gtgm.Imaging;
using Gtgm.Imaging.Hdf5;
using Gtgm.Imaging.Phantoms;

namespace Gtgm.Tests.Cli;

/// <summary>`gtgm em affinities | segment | evaluate` on tiny files the tests write.</summary>
public class ConnectomicsCommandTests
{
    static LabelVolume Row(params int[] ids) => new(VolumeGeometry.Axial(1, 1, ids.Length, 40, 4, 4, "nm"), ids);

    static string SingleErrorLine(CliRunner.Result r)
    {
        Assert.Equal(1, r.ExitCode);
        return Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Ground_truth_affinities_segment_and_evaluate_back_to_a_perfect_score()
    {
        using var dir = new TempDir();
        string truth = dir.File("truth.h5"), affinities = dir.File("aff.h5"), segmentation = dir.File("seg.h5");
        var labels = EmNeuropilPhantom.Generate((8, 40, 40), 1).Labels;
        CremiWriter.WriteLabels(truth, labels);

        var r = CliRunner.Run("em", "affinities", "--labels", truth, "--out", affinities);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("affinities 3 × 8 × 40 × 40 (c × z × y × x)", r.Out);
        var written = CremiReader.ReadChannels(affinities, CremiFile.Affinities);
        Assert.Equal(AffinityTargets.Compute(labels).Affinities.Data, written.Data);
        Assert.Equal(new[] { 40.0, 4.0, 4.0 }, written.Geometry.Spacing);

        r = CliRunner.Run("em", "segment", "--affinities", affinities, "--out", segmentation);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"{segmentation}: 16 segments, 8 × 40 × 40 (z × y × x)", r.Out);
        var info = CremiReader.Describe(segmentation, CremiFile.NeuronIds);
        Assert.Equal("uint64", info.DataType);
        Assert.Equal(new[] { 40.0, 4.0, 4.0 }, info.Resolution);

        r = CliRunner.Run("em", "evaluate", "--pred", segmentation, "--truth", truth);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("VOI split    0.0000 bits", r.Out);
        Assert.Contains("VOI merge    0.0000 bits", r.Out);
        Assert.Contains("ARAND        0.0000", r.Out);
        Assert.Contains("CREMI score  0.0000", r.Out);
    }

    [Fact]
    public void Evaluate_prints_the_scores_of_a_split()
    {
        using var dir = new TempDir();
        CremiWriter.WriteLabels(dir.File("truth.h5"), Row(1, 1, 1, 1));
        CremiWriter.WriteLabels(dir.File("pred.h5"), Row(1, 1, 2, 2));
        var r = CliRunner.Run("em", "evaluate", "--pred", dir.File("pred.h5"), "--truth", dir.File("truth.h5"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(new[]
        {
            "VOI split    1.0000 bits",
            "VOI merge    0.0000 bits",
            "VOI sum      1.0000 bits",
            "ARAND        0.3333 (Rand precision 1.0000, recall 0.5000)",
            "CREMI score  0.5774",
        }, r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Evaluate_names_the_file_and_the_problem_in_one_line()
    {
        using var dir = new TempDir();
        string truth = dir.File("truth.h5"), pred = dir.File("pred.h5"), empty = dir.File("empty.h5");
        CremiWriter.WriteLabels(truth, Row(1, 1, 2));
        CremiWriter.WriteLabels(pred, Row(1, 1, 2, 2));
        CremiWriter.WriteLabels(empty, Row(0, 0, 0));

        string line = SingleErrorLine(CliRunner.Run("em", "evaluate", "--pred", dir.File("missing.h5"), "--truth", truth));
        Assert.Equal($"gtgm: error: {dir.File("missing.h5")}: file not found", line);

        line = SingleErrorLine(CliRunner.Run("em", "evaluate", "--pred", pred, "--truth", truth, "--pred-dataset", "volumes/nope"));
        Assert.StartsWith($"gtgm: error: {pred}: has no dataset 'volumes/nope'", line);

        line = SingleErrorLine(CliRunner.Run("em", "evaluate", "--pred", pred, "--truth", truth));
        Assert.StartsWith($"gtgm: error: {pred}: prediction is on a different grid from the truth {truth} (a different shape)", line);

        line = SingleErrorLine(CliRunner.Run("em", "evaluate", "--pred", truth, "--truth", empty));
        Assert.StartsWith($"gtgm: error: {empty}: 'volumes/labels/neuron_ids' labels no voxel", line);
    }

    [Fact]
    public void Segment_refuses_what_are_not_affinities_and_bad_thresholds()
    {
        using var dir = new TempDir();
        string labels = dir.File("labels.h5"), twoChannels = dir.File("two.h5");
        CremiWriter.WriteLabels(labels, Row(1, 1, 2));
        CremiWriter.WriteChannels(twoChannels, new Volume(VolumeGeometry.Axial(1, 1, 3, 40, 4, 4, "nm"), 2, new float[6]), CremiFile.Affinities);

        string line = SingleErrorLine(CliRunner.Run("em", "segment", "--affinities", labels, "--out", dir.File("seg.h5")));
        Assert.StartsWith($"gtgm: error: {labels}: has no dataset 'volumes/predictions/affinities'", line);

        line = SingleErrorLine(CliRunner.Run("em", "segment", "--affinities", labels, "--dataset", CremiFile.NeuronIds, "--out", dir.File("seg.h5")));
        Assert.Contains("expected 4 (c, z, y, x)", line);

        line = SingleErrorLine(CliRunner.Run("em", "segment", "--affinities", twoChannels, "--out", dir.File("seg.h5")));
        Assert.StartsWith($"gtgm: error: {twoChannels}: dataset 'volumes/predictions/affinities': affinities need 3 channels", line);

        string nan = dir.File("nan.h5");
        var values = new float[9];
        values[4] = float.NaN;
        CremiWriter.WriteChannels(nan, new Volume(VolumeGeometry.Axial(1, 1, 3, 40, 4, 4, "nm"), 3, values), CremiFile.Affinities);
        line = SingleErrorLine(CliRunner.Run("em", "segment", "--affinities", nan, "--out", dir.File("seg.h5")));
        Assert.StartsWith($"gtgm: error: {nan}: dataset 'volumes/predictions/affinities': affinity value 4 (of 9) is NaN", line);

        line = SingleErrorLine(CliRunner.Run("em", "segment", "--affinities", twoChannels, "--out", dir.File("seg.h5"), "--low", "0.9", "--high", "0.5"));
        Assert.Contains("--low and --high", line);
        Assert.False(File.Exists(dir.File("seg.h5")));
    }

    [Fact]
    public void Help_lists_em_after_predict()
    {
        string help = CliRunner.Run("--help").Out;
        int predict = help.IndexOf("  predict", StringComparison.Ordinal), em = help.IndexOf("  em ", StringComparison.Ordinal);
        Assert.True(predict >= 0 && em > predict, help);
    }
}
