using System.Text.Json.Nodes;
using Gtgm.IO;
using Gtgm.Reporting;

namespace Gtgm.Tests.Reporting;

public class RunFolderTests
{
    [Fact]
    public void ANewRunRefusesAnExistingOneAndResumeRequiresIt()
    {
        using var dir = new TempDir();
        Assert.Throws<UserInputException>(() => RunFolder.Open(dir.Path, "r1", resume: true));
        using (var run = RunFolder.Open(dir.Path, "r1", resume: false))
            run.WriteConfig(new JsonObject { ["seed"] = 3 });
        var e = Assert.Throws<UserInputException>(() => RunFolder.Open(dir.Path, "r1", resume: false));
        Assert.Contains("--resume", e.Message);
        using var resumed = RunFolder.Open(dir.Path, "r1", resume: true);
        Assert.Equal(3, resumed.ReadConfig()["seed"]!.GetValue<int>());
    }

    [Fact]
    public void MetricsGoToJsonLinesAndTensorBoard()
    {
        using var dir = new TempDir();
        using (var run = RunFolder.Open(dir.Path, "m", resume: false))
        {
            run.Log(1, new Dictionary<string, double> { ["loss"] = 2.5, ["lr"] = 1e-4 });
            run.Log(2, new Dictionary<string, double> { ["loss"] = 1.5 });
        }
        var records = new MetricsLog(Path.Combine(dir.Path, "m", RunFolder.MetricsFileName)).Read();
        Assert.Equal(2, records.Count);
        Assert.Equal(2.5, records[0].Values["loss"]);
        Assert.Equal(1e-4, records[0].Values["lr"]);
        Assert.Equal(2, records[1].Step);
        var events = Directory.GetFiles(Path.Combine(dir.Path, "m", "tensorboard"), "events.out.tfevents.*", SearchOption.AllDirectories);
        Assert.NotEmpty(events);
        Assert.True(new FileInfo(events[0]).Length > 0);
    }

    [Fact]
    public void TruncatingMetricsKeepsOnlyEarlierSteps()
    {
        using var dir = new TempDir();
        var log = new MetricsLog(dir.File("metrics.jsonl"));
        for (int s = 1; s <= 5; s++) log.Append(s, new Dictionary<string, double> { ["loss"] = s });
        File.AppendAllText(log.Path, "{\"step\":6,\"lo"); // a torn last line from a kill
        Assert.Equal(5, log.Read().Count);
        log.TruncateAfter(3);
        Assert.Equal(new long[] { 1, 2, 3 }, log.Read().Select(r => r.Step));
    }

    [Fact]
    public void AnInterruptedAtomicWriteLeavesTheOldFileIntact()
    {
        using var dir = new TempDir();
        string path = dir.File("report.md");
        AtomicFile.WriteAllText(path, "complete");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[] { 1, 2, 3 });
            throw new InvalidOperationException("killed mid-write");
        }));
        Assert.Equal("complete", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(dir.Path, "*" + AtomicFile.TempSuffix));
    }
}
