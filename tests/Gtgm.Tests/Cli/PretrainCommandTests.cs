using Gtgm.Text.Captions;
using Gtgm.Text.Embeddings;
using TorchSharp.PyBridge;

namespace Gtgm.Tests.Cli;

public class PretrainCommandTests
{
    static readonly string[] Volumes = { "hippocampus_001", "hippocampus_003", "hippocampus_004" };

    /// <summary>A captions file for three real hippocampus volumes and an embedding store for its texts.</summary>
    internal static (string Captions, string Embeddings) TextInputs(TempDir dir, string data, int dim = 8, string volume0 = "hippocampus_001", string store = "emb")
    {
        var records = Volumes.Select((v, i) => i == 0 ? volume0 : v).Select((v, i) => new CaptionRecord
        {
            Dataset = "msd-hippocampus", Volume = v, Source = Path.Combine(data, "imagesTr", v + ".nii.gz"),
            Axis = "axial", Slice = 10, Raw = $"slice {i}", Text = $"msd-hippocampus: a brain mri slice {i}", Captioner = "test",
        }).ToList();
        string captions = dir.File("captions.jsonl");
        CaptionFile.Write(captions, records);
        var embeddings = TextEmbeddingStore.Create(dir.File(store), "test-encoder-" + dim, dim);
        var r = new Random(1);
        embeddings.Add(records.Select(x => x.Text).ToList(), records.Select(_ => Enumerable.Range(0, dim).Select(_ => (float)r.NextDouble()).ToArray()).ToList());
        return (captions, dir.File(store));
    }

    internal static string[] Args(TempDir dir, string data, string captions, string embeddings, params string[] extra) => Args(dir, data, captions, embeddings, 2, extra);

    static string[] Args(TempDir dir, string data, string captions, string embeddings, int steps, params string[] extra) => new[]
    {
        "pretrain", "--data", data, "--captions", captions, "--text-embeddings", embeddings, "--objective", "gtgm",
        "--encoder", "resnet10", "--width", "0.0625", "--patch", "16,32,32", "--batch-size", "2", "--steps", steps.ToString(),
        "--checkpoint-every", "1", "--lr", "1e-3", "--projection-dim", "8", "--seed", "3", "--name", "run", "--runs-dir", dir.File("runs"),
    }.Concat(extra).ToArray();

    [SkippableFact]
    public void PretrainsOnRealVolumesThenExportsTheEncoder()
    {
        string data = SharedData.Require("msd-hippocampus");
        using var dir = new TempDir();
        var (captions, embeddings) = TextInputs(dir, data);
        var r = CliRunner.Run(Args(dir, data, captions, embeddings));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("loss_vlp", r.Out);
        string run = dir.File("runs/run");
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
        string config = File.ReadAllText(Path.Combine(run, "config.json"));
        Assert.Contains("\"objective\": \"gtgm\"", config);
        Assert.Contains("\"text_encoder_id\": \"test-encoder-8\"", File.ReadAllText(Path.Combine(run, "data.json")));

        var export = CliRunner.Run("export-encoder", run, "--out", dir.File("encoder.safetensors"));
        Assert.True(export.ExitCode == 0, export.Error);
        var tensors = Safetensors.LoadStateDict(dir.File("encoder.safetensors"));
        Assert.Contains("conv1.weight", tensors.Keys);
        Assert.Contains("layer4.0.downsample.1.running_var", tensors.Keys);
        Assert.DoesNotContain(tensors.Keys, k => k.StartsWith("encoder.") || k.Contains("projector"));
        Assert.Equal(new long[] { 4, 1, 3, 7, 7 }, tensors["conv1.weight"].shape);

        // The run's own config.json repeats it; --resume with more steps continues the same curve.
        var resumed = CliRunner.Run("pretrain", "--config", Path.Combine(run, "config.json"), "--resume", "--steps", "3");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("resumed from 2", resumed.Out);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
    }

    [SkippableFact]
    public void CaptionsNamingAnUnknownVolumeAreRejectedBeforeTraining()
    {
        string data = SharedData.Require("msd-hippocampus");
        using var dir = new TempDir();
        var (captions, embeddings) = TextInputs(dir, data, volume0: "hippocampus_999");
        var r = CliRunner.Run(Args(dir, data, captions, embeddings));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(captions, r.Error);
        Assert.Contains("hippocampus_999", r.Error);
        Assert.False(Directory.Exists(dir.File("runs/run")));
    }

    [SkippableFact]
    public void ResumingWithEmbeddingsOfAnotherEncoderIsRejected()
    {
        string data = SharedData.Require("msd-hippocampus");
        using var dir = new TempDir();
        var (captions, embeddings) = TextInputs(dir, data);
        Assert.Equal(0, CliRunner.Run(Args(dir, data, captions, embeddings)).ExitCode);
        var (_, other) = TextInputs(dir, data, dim: 6, store: "emb6");
        var r = CliRunner.Run(Args(dir, data, captions, other, 3, "--resume"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("6-d", r.Error);
        Assert.Contains("test-encoder-8", r.Error);
    }

    [SkippableFact]
    public void EmbeddingsFromAnotherTextEncoderThanRequestedAreRejected()
    {
        string data = SharedData.Require("msd-hippocampus");
        using var dir = new TempDir();
        var (captions, embeddings) = TextInputs(dir, data);
        var r = CliRunner.Run(Args(dir, data, captions, embeddings, "--text-encoder", "minilm"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(embeddings, r.Error);
        Assert.Contains("test-encoder-8", r.Error);
        Assert.Contains("minilm", r.Error);
    }

    [Fact]
    public void AnEmptyDataFolderIsRejected()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("empty"));
        var r = CliRunner.Run("pretrain", "--data", dir.File("empty"), "--objective", "vr", "--name", "x", "--runs-dir", dir.File("runs"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(dir.File("empty"), r.Error);
        Assert.Contains("no volume files", r.Error);
    }

    [Fact]
    public void AnUnknownObjectiveIsAUserError()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("pretrain", "--data", dir.Path, "--objective", "mae", "--name", "x", "--runs-dir", dir.File("runs"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--objective mae", r.Error);
    }
}
