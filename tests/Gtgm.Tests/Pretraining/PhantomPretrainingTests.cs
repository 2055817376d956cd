using Gtgm.Pretraining.Objectives;
using Gtgm.Pretraining.Training;
using Gtgm.Reporting;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Tests.Pretraining;

public class PhantomPretrainingTests
{
    [Fact]
    public void GtgmPretrainingOnPhantomsLowersBothTermsAndRetrievesHeldOutCaptions()
    {
        using var threads = TorchThreads.Use(1); // the same numbers whatever ran before
        using var dir = new TempDir();
        var data = new ShapePhantomSource(seed: 1);
        var setup = new PretrainSetup { Objective = "gtgm", Encoder = "resnet10", Width = 4 / 64.0, TextDim = 8, ProjectionDim = 16 };
        var options = new PretrainOptions
        {
            Steps = 40, BatchSize = 8, Seed = 2, CheckpointEvery = 40,
            Optimizer = new OptimizerSettings(LearningRate: 1e-2, WeightDecay: 0.05),
        };
        PretrainResult result;
        using (var run = RunFolder.Open(dir.Path, "phantoms", resume: false))
            result = PretrainTrainer.Run(setup, data, options, run, resume: false);

        var log = new MetricsLog(Path.Combine(dir.Path, "phantoms", RunFolder.MetricsFileName)).Read();
        double First(string k) => log.Take(5).Average(r => r.Values[k]);
        double Last(string k) => log.TakeLast(5).Average(r => r.Values[k]);
        foreach (var term in new[] { "loss_vlp", "loss_vr", "loss" })
            Assert.True(Last(term) < 0.8 * First(term), $"{term}: {First(term):0.000} -> {Last(term):0.000}");
        Assert.All(log, r => Assert.True(r.Values.ContainsKey("data_wait_s") && r.Values.ContainsKey("step_time_s")));

        // Held-out crops (a stream training never drew): image -> caption retrieval among the 4 captions.
        using var scope = NewDisposeScope();
        using var objective = (GtgmObjective)PretrainTrainer.LoadObjective(result.LastCheckpoint);
        objective.eval();
        using var noGrad = no_grad();
        var batch = data.Labelled(0, 96, out int[] classes);
        var texts = stack(Enumerable.Range(0, ShapePhantomSource.Classes).Select(c => tensor(data.TextOf(c))).ToArray());
        var (image, text) = objective.Embed(batch.ToDevice(CPU).View1, texts);
        var predicted = nn.functional.normalize(image, dim: 1).matmul(nn.functional.normalize(text, dim: 1).t()).argmax(1).data<long>().ToArray();
        double accuracy = predicted.Zip(classes).Count(p => p.First == p.Second) / (double)classes.Length;
        // Measured here: 54.2% of 96 (seeded, one thread; chance 25%).
        Assert.True(accuracy >= 0.45, $"held-out image->caption top-1 {accuracy:P0} (chance 25%); train top1 {First("image_text_top1")} -> {Last("image_text_top1")} vlp {First("loss_vlp")} -> {Last("loss_vlp")} vr {First("loss_vr")} -> {Last("loss_vr")}");
    }
}
