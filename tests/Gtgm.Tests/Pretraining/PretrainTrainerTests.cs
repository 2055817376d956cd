using Gtgm.Pretraining.Objectives;
using Gtgm.Pretraining.Training;
using Gtgm.Reporting;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Tests.Pretraining;

public class PretrainTrainerTests
{
    static PretrainSetup TinySetup(string objective = "gtgm") => new()
    {
        Objective = objective, Encoder = "resnet10", Width = 4 / 64.0, TextDim = 8, ProjectionDim = 16,
    };

    static PretrainOptions Options(int steps) => new()
    {
        Steps = steps, BatchSize = 4, Seed = 11, CheckpointEvery = 2, KeepCheckpoints = 2,
        Optimizer = new OptimizerSettings(LearningRate: 1e-3),
    };

    sealed class CancelAt(CancellationTokenSource cts, long step) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) { if (value.Done == step) cts.Cancel(); }
    }

    static readonly string[] Deterministic = { "loss", "loss_vlp", "loss_vr", "lr", "grad_norm", "image_text_top1" };

    [Fact]
    public void KilledAndResumedRunLogsTheSameMetricsAsAnUninterruptedOne()
    {
        using var dir = new TempDir();
        var data = new ShapePhantomSource(seed: 3);
        using (var run = RunFolder.Open(dir.Path, "whole", resume: false))
            PretrainTrainer.Run(TinySetup(), data, Options(6), run, resume: false);

        using (var run = RunFolder.Open(dir.Path, "killed", resume: false))
        {
            using var cts = new CancellationTokenSource();
            // Killed after step 5 was logged: the newest checkpoint is step 4, so step 5 is redone on resume.
            Assert.Throws<OperationCanceledException>(() =>
                PretrainTrainer.Run(TinySetup(), data, Options(6), run, false, new CancelAt(cts, 5), cts.Token));
            run.WriteConfig(new System.Text.Json.Nodes.JsonObject());
        }
        using (var run = RunFolder.Open(dir.Path, "killed", resume: true))
        {
            var result = PretrainTrainer.Run(TinySetup(), data, Options(6), run, resume: true);
            Assert.Equal(4, result.ResumedFromStep);
        }

        var whole = new MetricsLog(Path.Combine(dir.Path, "whole", RunFolder.MetricsFileName)).Read();
        var resumed = new MetricsLog(Path.Combine(dir.Path, "killed", RunFolder.MetricsFileName)).Read();
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), resumed.Select(r => r.Step));
        for (int i = 0; i < 6; i++)
            foreach (var key in Deterministic)
                Assert.Equal(whole[i].Values[key], resumed[i].Values[key]);
        // Keep-last-2 pruning: steps 4 and 6 remain.
        var kept = new CheckpointStore(Path.Combine(dir.Path, "killed", "checkpoints"), 2).List().Select(c => c.Step);
        Assert.Equal(new long[] { 4, 6 }, kept);
    }

    [Fact]
    public void TruncatedCheckpointIsNamedAndNotLoaded()
    {
        using var dir = new TempDir();
        var data = new ShapePhantomSource(seed: 3);
        using (var run = RunFolder.Open(dir.Path, "r", resume: false))
        {
            PretrainTrainer.Run(TinySetup("vr"), data, Options(2), run, resume: false);
            run.WriteConfig(new System.Text.Json.Nodes.JsonObject());
        }
        string model = Path.Combine(dir.Path, "r", "checkpoints", "step-000002", PretrainTrainer.ModelFile);
        var bytes = File.ReadAllBytes(model);
        File.WriteAllBytes(model, bytes[..(bytes.Length / 2)]);
        using var again = RunFolder.Open(dir.Path, "r", resume: true);
        var e = Assert.Throws<UserInputException>(() => PretrainTrainer.Run(TinySetup("vr"), data, Options(4), again, resume: true));
        Assert.Contains(model, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void AlteredCheckpointFailsItsChecksum()
    {
        using var dir = new TempDir();
        var store = new CheckpointStore(dir.Path, 3);
        string path = store.Save(7, d => File.WriteAllText(Path.Combine(d, "a.bin"), "abcd"));
        CheckpointStore.Verify(path);
        File.WriteAllText(Path.Combine(path, "a.bin"), "abce");
        var e = Assert.Throws<UserInputException>(() => CheckpointStore.Verify(path));
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public void ScheduleWarmsUpThenFollowsCosineWithRestarts()
    {
        // base 1, min 0, warm-up 2, T_0 = 4, T_mult = 2.
        var s = new CosineWarmRestartSchedule(1.0, 0.0, 4, 2, 2);
        Assert.Equal(0.5, s.LearningRate(0), 12);            // (0+1)/2
        Assert.Equal(1.0, s.LearningRate(1), 12);            // (1+1)/2
        Assert.Equal(1.0, s.LearningRate(2), 12);            // cycle 0, t=0
        Assert.Equal(0.5, s.LearningRate(4), 12);            // t=2 of 4: (1+cos(π/2))/2
        Assert.Equal(1.0, s.LearningRate(6), 12);            // restart: cycle 1 (T=8), t=0
        Assert.Equal((1 + Math.Cos(Math.PI / 4)) / 2, s.LearningRate(8), 12); // t=2 of 8: 0.853553
        Assert.Equal(1.0, s.LearningRate(14), 12);           // cycle 2 starts at 2+4+8
    }
}
