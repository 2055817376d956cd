using System.Globalization;
using System.Text.Json.Nodes;
using Gtgm.Imaging;
using Gtgm.Imaging.Hdf5;
using Gtgm.Imaging.Phantoms;
using Gtgm.Segmentation.Finetuning;
using Gtgm.Transforms.Preprocessing;

namespace Gtgm.Tests.Cli;

/// <summary>`gtgm em train` and `gtgm em predict` on EM phantoms, then `em segment` and `em evaluate` on the result.</summary>
public class EmTrainCommandTests
{
    static readonly string[] TinyNet =
    {
        "--encoder-arch", "resnet10", "--width", "0.0625", "--patch", "8,32,32", "--batch-size", "2", "--threads", "1",
    };

    static string Phantom(TempDir dir, string name, int seed)
    {
        var p = EmNeuropilPhantom.Generate((16, 48, 48), seed);
        string path = dir.File(name);
        CremiWriter.Write(path, p.Image, p.Labels);
        return path;
    }

    static double[] TrainLosses(string run) => File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))
        .Select(l => JsonNode.Parse(l)!["train/loss"]).Where(v => v != null).Select(v => v!.GetValue<double>()).ToArray();

    [Fact]
    public void Train_lowers_the_loss_and_predict_segment_evaluate_give_finite_scores()
    {
        using var dir = new TempDir();
        string train = Phantom(dir, "train.h5", 1), test = Phantom(dir, "test.h5", 2), runs = dir.File("runs");
        var r = CliRunner.Run(new[] { "em", "train", "--train", train, "--val-slices", "8", "--steps", "40", "--validate-every", "20",
            "--lr", "0.01", "--runs-dir", runs, "--name", "tiny" }.Concat(TinyNet).ToArray());
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        string run = Path.Combine(runs, "tiny");
        foreach (var file in new[] { "config.json", "metrics.jsonl", "model.json", "report.md", "checkpoints/model.safetensors", "checkpoints/last.safetensors" })
            Assert.True(File.Exists(Path.Combine(run, file)), file + " missing");
        Assert.True(Directory.EnumerateFiles(Path.Combine(run, "tensorboard")).Any());
        var losses = TrainLosses(run);
        Assert.Equal(4, losses.Length);
        Assert.True(losses[^1] < 0.8 * losses[0], $"training loss {string.Join(", ", losses)} did not fall clearly");
        string metrics = File.ReadAllText(Path.Combine(run, "metrics.jsonl"));
        Assert.Contains("val/voi_sum", metrics);
        Assert.Contains("| loss | VOI split |", File.ReadAllText(Path.Combine(run, "report.md")));

        string aff = dir.File("aff.h5"), seg = dir.File("seg.h5");
        r = CliRunner.Run("em", "predict", "--run", run, "--input", test, "--out", aff, "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("affinities 3 × 16 × 48 × 48 (c × z × y × x)", r.Out);
        var written = CremiReader.ReadChannels(aff, CremiFile.Affinities);
        Assert.All(written.Data, a => Assert.InRange(a, 0f, 1f));
        Assert.Equal(new[] { 40.0, 4.0, 4.0 }, written.Geometry.Spacing);

        Assert.Equal(0, CliRunner.Run("em", "segment", "--affinities", aff, "--out", seg).ExitCode);
        r = CliRunner.Run("em", "evaluate", "--pred", seg, "--truth", test);
        Assert.Equal(0, r.ExitCode);
        string cremi = r.Out.Split('\n').Single(l => l.StartsWith("CREMI score"));
        Assert.True(double.IsFinite(double.Parse(cremi.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture)), r.Out);
    }

    [Fact]
    public void Config_json_repeats_the_run()
    {
        using var dir = new TempDir();
        string train = Phantom(dir, "train.h5", 1), runs = dir.File("runs");
        var r = CliRunner.Run(new[] { "em", "train", "--train", train, "--steps", "3", "--runs-dir", runs, "--name", "a" }.Concat(TinyNet).ToArray());
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        r = CliRunner.Run("em", "train", "--config", Path.Combine(runs, "a", "config.json"), "--runs-dir", runs, "--name", "b");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Equal(TrainLosses(Path.Combine(runs, "a")), TrainLosses(Path.Combine(runs, "b")));
        Assert.Contains("no validation ran", File.ReadAllText(Path.Combine(runs, "b", "report.md")));
    }

    [Fact]
    public void Zero_steps_saves_the_initialised_network_as_a_baseline_model()
    {
        using var dir = new TempDir();
        string train = Phantom(dir, "train.h5", 1), runs = dir.File("runs");
        var r = CliRunner.Run(new[] { "em", "train", "--train", train, "--val-slices", "8", "--steps", "0", "--runs-dir", runs, "--name", "untrained" }.Concat(TinyNet).ToArray());
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("0 steps: the initialised network is the model", r.Out);
        Assert.True(File.Exists(Path.Combine(runs, "untrained", "checkpoints", "model.safetensors")));
    }

    [Fact]
    public void Baseline_writes_raw_intensity_affinities_that_segment()
    {
        using var dir = new TempDir();
        string test = Phantom(dir, "test.h5", 2), aff = dir.File("aff.h5");
        var r = CliRunner.Run("em", "baseline", "--input", test, "--out", aff);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("raw-intensity affinities 3 × 16 × 48 × 48", r.Out);
        Assert.Equal(0, CliRunner.Run("em", "segment", "--affinities", aff, "--out", dir.File("seg.h5")).ExitCode);
    }

    [Fact]
    public void Predict_refuses_a_run_that_is_not_an_em_affinity_run()
    {
        using var dir = new TempDir();
        string test = Phantom(dir, "test.h5", 2), other = dir.File("ct-run");
        Directory.CreateDirectory(other);
        new SegmentationModelSpec("resnet10", 1, 1, new[] { "background", "liver" }, Modality.CT, ModalityPreprocessing.For(Modality.CT), new[] { 8, 32, 32 }, "")
            .Save(Path.Combine(other, SegmentationModelSpec.FileName));

        var r = CliRunner.Run("em", "predict", "--run", other, "--input", test, "--out", dir.File("aff.h5"));
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"gtgm: error: {other}: not an EM affinity run: its model predicts CT classes (background, liver), not the z, y, x affinities of gtgm em train",
            Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        r = CliRunner.Run("em", "predict", "--run", dir.Path, "--input", test, "--out", dir.File("aff.h5"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("not an EM affinity run (no model.json", r.Error);
    }

    [Fact]
    public void Train_refuses_bad_options_in_one_line()
    {
        using var dir = new TempDir();
        string train = Phantom(dir, "train.h5", 1);
        var r = CliRunner.Run("em", "train", "--train", train, "--val", train, "--val-slices", "4", "--runs-dir", dir.File("runs"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--val and --val-slices: give one of them, not both", r.Error);
        r = CliRunner.Run("em", "train", "--train", train, "--val-slices", "16", "--runs-dir", dir.File("runs"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"{train}: has 16 sections; --val-slices 16 would leave none to train on", r.Error);
        r = CliRunner.Run("em", "train", "--train", train, "--loss", "dice", "--runs-dir", dir.File("runs"));
        Assert.Contains("--loss dice: expected balanced or plain", r.Error);
    }
}
