using Gtgm.Text.Captions;

namespace Gtgm.Tests.Cli;

public class CaptionCommandTests
{
    [SkippableFact]
    public void CaptionsRealVolumesAndResumes()
    {
        string em = SharedData.Require("em-isbi2012"), ct = SharedData.Require("ct-amos0336");
        using var dir = new TempDir();
        string[] Args(string file) => new[] { "caption", "--data", em, "--data", ct, "--out", dir.File(file), "--per-volume", "2", "--seed", "5" };

        var first = CliRunner.Run(Args("a.jsonl"));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("written      4 captions", first.Out);
        var records = CaptionFile.Read(dir.File("a.jsonl"));
        Assert.Equal(new[] { "ct-amos0336", "em-isbi2012" }, records.Select(r => r.Dataset).Distinct().Order());
        Assert.All(records, r => Assert.StartsWith(r.Dataset + ": ", r.Text));
        Assert.Equal(4, records.Select(r => r.Text).Distinct().Count());

        // Same-seed reproducibility is checked in CaptionRealDataTests; here the rerun must skip both volumes.
        string before = File.ReadAllText(dir.File("a.jsonl"));
        var again = CliRunner.Run(Args("a.jsonl"));
        Assert.Contains("(2 already captioned)", again.Out);
        Assert.Equal(before, File.ReadAllText(dir.File("a.jsonl")));
    }

    [Fact]
    public void UnknownCaptionerIsOneLineError()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("x.nii.gz"), Array.Empty<byte>());
        var r = CliRunner.Run("caption", "--data", dir.File("x.nii.gz"), "--out", dir.File("c.jsonl"), "--captioner", "gpt");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("unknown captioner 'gpt'", r.Error);
    }

    [Fact]
    public void BlipFolderWithoutFilesIsOneLineError()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("x.nii.gz"), Array.Empty<byte>());
        Directory.CreateDirectory(dir.File("blip"));
        var r = CliRunner.Run("caption", "--data", dir.File("x.nii.gz"), "--out", dir.File("c.jsonl"), "--captioner", "blip:" + dir.File("blip"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("missing config.json, model.safetensors", r.Error);
    }
}
