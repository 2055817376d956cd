using Gtgm.Tests.Cli;

namespace Gtgm.Tests.Segmentation;

public class PretrainedEncoderFinetuneTests
{
    [SkippableFact]
    public void FinetuningStartsFromAPretrainingRunAndFromItsExportedEncoder()
    {
        string data = SharedData.Require("msd-hippocampus");
        using var dir = new TempDir();
        var (captions, embeddings) = PretrainCommandTests.TextInputs(dir, data);
        var pretrain = CliRunner.Run(PretrainCommandTests.Args(dir, data, captions, embeddings));
        Assert.True(pretrain.ExitCode == 0, pretrain.Error);
        string run = dir.File("runs/run");
        Assert.Equal(0, CliRunner.Run("export-encoder", run, "--out", dir.File("encoder.safetensors")).ExitCode);
        string task = FinetuneEndToEndTests.HippocampusSubset(dir, 2);

        foreach (var (source, name) in new[] { (run, "from-run"), (dir.File("encoder.safetensors"), "from-file") })
        {
            var r = CliRunner.Run("finetune", "--task", task, "--encoder", source, "--encoder-arch", "resnet10", "--width", "0.0625",
                "--patch", "16,32,32", "--batch-size", "1", "--steps", "1", "--threads", "1", "--runs-dir", dir.File("ft"), "--name", name);
            Assert.True(r.ExitCode == 0, r.Error);
            // Every encoder tensor (parameters and BN buffers) comes from pretraining; nothing is missing or left over.
            Assert.Matches(@"encoder weights: .*: loaded \d+, missing 0, unexpected 0, shape mismatch 0", r.Out);
            Assert.Contains("encoder weights:", File.ReadAllText(Path.Combine(dir.File("ft"), name, "report.md")));
        }

        var wrongWidth = CliRunner.Run("finetune", "--task", task, "--encoder", run, "--encoder-arch", "resnet10", "--width", "0.125",
            "--patch", "16,32,32", "--steps", "1", "--threads", "1", "--runs-dir", dir.File("ft"), "--name", "wrong");
        Assert.Equal(1, wrongWidth.ExitCode);
        Assert.Contains("no parameter matches the encoder", wrongWidth.Error);
    }
}
