namespace Gtgm.Tests.Cli;

public class CliBasicsTests
{
    [Fact]
    public void VersionPrintsTheAssemblyVersion()
    {
        var r = CliRunner.Run("--version");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", r.Out.Trim());
    }

    [Fact]
    public void HelpListsTheCommands()
    {
        var r = CliRunner.Run("--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("doctor", r.Out);
    }

    [Theory]
    [InlineData("doctor", "--no-such-option")]
    [InlineData("no-such-command")]
    public void ABadArgumentGivesOneLineAndExitCodeOne(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(1, r.ExitCode);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("gtgm: error:", lines[0]);
        Assert.Contains(args[^1], lines[0]);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void DoctorReportsTorchLoadedAndTheRewrite()
    {
        var r = CliRunner.Run("doctor");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"TorchSharp loaded\s+yes", r.Out);
        Assert.Matches(@"libtorch\s+2\.10\.0", r.Out);
        if (!Gtgm.Platform.LibstdcxxCompat.SystemProvidesTooNewVersion())
            Assert.Matches(@"glibcxx rewrite\s+applied", r.Out);
        Assert.Matches(@"threads\s+\d+", r.Out);
        Assert.Matches(Gtgm.Platform.CpuFeatures.BFloat16Accelerated ? @"bf16 on CPU\s+accelerated" : @"bf16 on CPU\s+not accelerated", r.Out);
    }
}
