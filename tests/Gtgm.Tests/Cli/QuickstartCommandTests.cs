namespace Gtgm.Tests.Cli;

public class QuickstartCommandTests
{
    [Fact]
    public void RunsTheWholePipelineAtTinyScaleAndComparesDice()
    {
        using var dir = new TempDir();
        string root = dir.File("qs");
        var r = CliRunner.Run("quickstart", "--out", root, "--volumes", "5", "--pretrain-steps", "2", "--finetune-steps", "2", "--threads", "1");
        Assert.True(r.ExitCode == 0, r.Error);
        foreach (var step in new[] { "gtgm data phantoms", "gtgm caption", "gtgm embed-text", "gtgm pretrain", "gtgm finetune", "gtgm evaluate" })
            Assert.Contains("$ " + step, r.Error);
        Assert.Matches(@"GTGM-pretrained encoder\s+\d\.\d{4}", r.Out);
        Assert.Matches(@"random-init encoder\s+\d\.\d{4}", r.Out);
        foreach (var run in new[] { "pretrain-gtgm", "finetune-gtgm", "finetune-random" })
            Assert.True(File.Exists(Path.Combine(root, run, "config.json")), run);
        Assert.True(File.Exists(Path.Combine(root, "finetune-gtgm", "val_results.csv")));

        // A second quickstart replaces its own earlier output.
        var again = CliRunner.Run("quickstart", "--out", root, "--volumes", "5", "--pretrain-steps", "1", "--finetune-steps", "1", "--threads", "1");
        Assert.True(again.ExitCode == 0, again.Error);
    }

    [Fact]
    public void RefusesAFolderItDidNotMake()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("precious.txt"), "keep me");
        var r = CliRunner.Run("quickstart", "--out", dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("not made by quickstart", r.Error);
        Assert.True(File.Exists(dir.File("precious.txt")));
    }
}
