using System.Text.Json.Nodes;
using Gtgm.Imaging;
using Gtgm.Imaging.Nifti;
using Gtgm.Tests.Cli;

namespace Gtgm.Tests.Segmentation;

public class FinetuneEndToEndTests
{
    /// <summary>A task folder whose dataset.json points at <paramref name="count"/> real hippocampus cases after the first <paramref name="skip"/>.</summary>
    internal static string HippocampusSubset(TempDir dir, int count, int skip = 0, string name = "task")
    {
        string source = SharedData.Require("msd-hippocampus");
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "dataset.json")))!.AsObject();
        var training = new JsonArray(original["training"]!.AsArray().Skip(skip).Take(count).Select(e => (JsonNode)new JsonObject
        {
            ["image"] = Path.GetFullPath(Path.Combine(source, e!["image"]!.GetValue<string>())),
            ["label"] = Path.GetFullPath(Path.Combine(source, e["label"]!.GetValue<string>())),
        }).ToArray());
        string task = Path.Combine(dir.Path, name);
        Directory.CreateDirectory(task);
        var json = new JsonObject
        {
            ["name"] = "HippocampusSubset",
            ["modality"] = new JsonObject { ["0"] = "MRI" },
            ["labels"] = original["labels"]!.DeepClone(),
            ["training"] = training,
        };
        File.WriteAllText(Path.Combine(task, "dataset.json"), json.ToJsonString());
        return task;
    }

    static readonly string[] TinyRun =
    {
        "--encoder-arch", "resnet10", "--width", "0.125", "--patch", "16,32,32", "--batch-size", "1",
        "--steps", "2", "--validate-every", "1", "--threads", "1", "--flip", "x",
    };

    [SkippableFact]
    public void ATinyFinetuneOnThreeCasesWritesTheWholeRunFolderAndEvaluatesAndPredicts()
    {
        using var dir = new TempDir();
        string task = HippocampusSubset(dir, 3);
        string test = HippocampusSubset(dir, 2, skip: 3, name: "test");
        string runs = dir.File("runs");
        var r = CliRunner.Run(new[] { "finetune", "--task", task, "--test", test, "--runs-dir", runs, "--name", "tiny" }.Concat(TinyRun).ToArray());
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        string run = Path.Combine(runs, "tiny");
        foreach (var file in new[] { "config.json", "metrics.jsonl", "splits.json", "model.json", "report.md", "val_results.csv",
                     "checkpoints/model.safetensors", "checkpoints/last.safetensors" })
            Assert.True(File.Exists(Path.Combine(run, file)), file + " missing");
        Assert.True(Directory.EnumerateFiles(Path.Combine(run, "tensorboard")).Any());
        var splits = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "splits.json")))!;
        Assert.Equal(2, splits["train"]!.AsArray().Count);
        Assert.Single(splits["val"]!.AsArray());
        Assert.Contains("| 1 Anterior |", File.ReadAllText(Path.Combine(run, "report.md")));
        Assert.Contains("val/mean_dice", File.ReadAllText(Path.Combine(run, "metrics.jsonl")));

        var e = CliRunner.Run("evaluate", "--run", run, "--split", "val", "--threads", "1");
        Assert.True(e.ExitCode == 0, e.Error);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "val_results.csv")).Length);
        Assert.Contains("mean foreground", e.Out);

        // The task has no imagesTs, so the test set is the --test folder's cases; they never entered the split.
        var t = CliRunner.Run("evaluate", "--run", run, "--split", "test", "--threads", "1");
        Assert.True(t.ExitCode == 0, t.Error);
        var testRows = File.ReadAllLines(Path.Combine(run, "test_results.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(2, testRows.Count);
        Assert.Empty(testRows.Intersect(splits["train"]!.AsArray().Concat(splits["val"]!.AsArray()).Select(n => n!.GetValue<string>())));

        string image = JsonNode.Parse(File.ReadAllText(Path.Combine(task, "dataset.json")))!["training"]![0]!["image"]!.GetValue<string>();
        var p = CliRunner.Run("predict", "--run", run, "--input", image, "--out", dir.File("pred"), "--threads", "1");
        Assert.True(p.ExitCode == 0, p.Error);
        var prediction = NiftiReader.ReadLabels(Path.Combine(dir.File("pred"), Path.GetFileName(image)));
        Assert.True(prediction.Geometry.SameGrid(NiftiReader.ReadImage(image).Geometry, 1e-6));
        Assert.All(prediction.Data, v => Assert.InRange(v, 0, 2));

        var ct = CliRunner.Run("predict", "--run", run, "--input", image, "--out", dir.File("pred2"), "--modality", "CT");
        Assert.Equal(1, ct.ExitCode);
        Assert.Contains("trained on MRI", ct.Error);
    }

    [SkippableFact]
    public void ADatasetJsonNamingAMissingFileFailsBeforeTraining()
    {
        using var dir = new TempDir();
        string task = HippocampusSubset(dir, 2);
        string json = Path.Combine(task, "dataset.json");
        File.WriteAllText(json, File.ReadAllText(json).Replace("hippocampus_001.nii.gz\",\"label", "hippocampus_999.nii.gz\",\"label"));
        var r = CliRunner.Run(new[] { "finetune", "--task", task, "--runs-dir", dir.File("runs"), "--name", "x" }.Concat(TinyRun).ToArray());
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("file(s) it names are missing", r.Error);
        Assert.Contains("hippocampus_999.nii.gz", r.Error);
        Assert.False(File.Exists(Path.Combine(dir.File("runs"), "x", "metrics.jsonl")));
    }

    /// <summary>A two-case 8³ MRI task; with <paramref name="misalignedLabels"/> the second label map has another spacing.</summary>
    static string SyntheticTask(TempDir dir, bool misalignedLabels)
    {
        string task = Path.Combine(dir.Path, "task");
        Directory.CreateDirectory(Path.Combine(task, "imagesTr"));
        Directory.CreateDirectory(Path.Combine(task, "labelsTr"));
        var training = new JsonArray();
        for (int i = 0; i < 2; i++)
        {
            var g = VolumeGeometry.Axial(8, 8, 8);
            NiftiWriter.WriteImage(new Volume(g, 1, Enumerable.Range(0, 512).Select(v => (float)v).ToArray()), Path.Combine(task, "imagesTr", $"c{i}.nii.gz"));
            var lg = i == 1 && misalignedLabels ? VolumeGeometry.Axial(8, 8, 8, 2.0) : g;
            NiftiWriter.WriteLabels(new LabelVolume(lg, new int[512]), Path.Combine(task, "labelsTr", $"c{i}.nii.gz"));
            training.Add(new JsonObject { ["image"] = $"./imagesTr/c{i}.nii.gz", ["label"] = $"./labelsTr/c{i}.nii.gz" });
        }
        File.WriteAllText(Path.Combine(task, "dataset.json"), new JsonObject
        {
            ["modality"] = new JsonObject { ["0"] = "MRI" },
            ["labels"] = new JsonObject { ["0"] = "background", ["1"] = "thing" },
            ["training"] = training,
        }.ToJsonString());
        return task;
    }

    [Fact]
    public void ImageAndLabelsOnDifferentGridsFailBeforeTraining()
    {
        using var dir = new TempDir();
        string task = SyntheticTask(dir, misalignedLabels: true);
        var r = CliRunner.Run(new[] { "finetune", "--task", task, "--runs-dir", dir.File("runs"), "--name", "x" }.Concat(TinyRun).ToArray());
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("c1.nii.gz: labels are on a different grid", r.Error);
        Assert.False(File.Exists(Path.Combine(dir.File("runs"), "x", "metrics.jsonl")));
    }

    [Fact]
    public void APatchThatTheEncoderCannotDivideIsRefused()
    {
        using var dir = new TempDir();
        string task = SyntheticTask(dir, misalignedLabels: false);
        var r = CliRunner.Run("finetune", "--task", task, "--patch", "40,50,32", "--encoder-arch", "resnet10", "--width", "0.125",
            "--runs-dir", dir.File("runs"), "--name", "x");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--patch 40,50,32: each extent (z, y, x) must be a positive multiple of the encoder's total stride 8,32,32", r.Error);
    }

    [Fact]
    public void ADatasetJsonWithoutModalitiesIsAUserError()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("task"));
        File.WriteAllText(Path.Combine(dir.File("task"), "dataset.json"), "{}");
        var r = CliRunner.Run("finetune", "--task", dir.File("task"), "--runs-dir", dir.File("runs"), "--name", "x");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("lists no input channel", r.Error);
    }

    [Fact]
    public void EvaluatingATestSplitThatDoesNotExistSaysSo()
    {
        using var dir = new TempDir();
        string task = SyntheticTask(dir, misalignedLabels: false);
        string run = dir.File("run");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "config.json"), new JsonObject { ["_command"] = "finetune", ["task"] = task }.ToJsonString());
        var r = CliRunner.Run("evaluate", "--run", run, "--split", "test");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("has no test set", r.Error);
        var bad = CliRunner.Run("evaluate", "--run", run, "--split", "train");
        Assert.Contains("expected val or test", bad.Error);
    }
}
