using Gtgm.Networks.Layers;
using Gtgm.Networks.Optimization;
using Gtgm.Pretraining.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Training;

/// <summary>AdamW and clipping settings. Defaults: GTGM's lr 2e-5 and weight decay 0.05; clip at norm 1.</summary>
public sealed record OptimizerSettings(double LearningRate = 2e-5, double WeightDecay = 0.05, double GradClipNorm = 1.0);

/// <summary>The scalars one optimizer step produced: loss terms averaged over its micro-batches.</summary>
public sealed record StepResult(IReadOnlyDictionary<string, double> Terms, double? ImageTextTop1, double GradNorm);

/// <summary>
/// One optimizer step of an objective: zero the gradients, forward and backward each micro-batch (loss
/// divided by their count, so accumulation equals one larger batch up to BatchNorm statistics), clip the
/// global gradient norm, AdamW step, then the objective's post-step hook (BYOL's EMA). Usable on its own,
/// e.g. by a benchmark: <c>new PretrainStep(objective, new OptimizerSettings(), Precision.BFloat16Mixed).Run(batch)</c>.
/// </summary>
public sealed class PretrainStep : IDisposable
{
    readonly PretrainObjective _objective;
    readonly TorchSharp.Modules.Parameter[] _parameters;
    public InPlaceAdamW Optimizer { get; }
    public OptimizerSettings Settings { get; }

    public PretrainStep(PretrainObjective objective, OptimizerSettings settings, Precision precision = Precision.Float32)
    {
        _objective = objective;
        Settings = settings;
        _parameters = objective.TrainableParameters().ToArray();
        Optimizer = new InPlaceAdamW(_parameters, settings.LearningRate, weightDecay: settings.WeightDecay);
        MixedPrecision.Apply(objective, precision);
        objective.train();
    }

    public void SetLearningRate(double lr) => Optimizer.LearningRate = lr;

    public StepResult Run(PretrainBatch batch, long step = 0, long totalSteps = 1) => Run(new[] { batch }, step, totalSteps);

    public StepResult Run(IReadOnlyList<PretrainBatch> microBatches, long step, long totalSteps)
    {
        using var scope = NewDisposeScope();
        Optimizer.ZeroGrad();
        var sums = new Dictionary<string, double>();
        double top1 = 0;
        int top1Count = 0;
        foreach (var batch in microBatches)
        {
            using var inner = NewDisposeScope();
            var output = _objective.Compute(batch);
            (output.Loss / microBatches.Count).backward();
            foreach (var (name, value) in output.Terms)
                sums[name] = sums.GetValueOrDefault(name) + value.item<float>() / microBatches.Count;
            if (output.ImageTextTop1 is double acc) { top1 += acc; top1Count++; }
        }
        double norm = Settings.GradClipNorm > 0
            ? nn.utils.clip_grad_norm_(_parameters, Settings.GradClipNorm)
            : double.NaN;
        Optimizer.Step();
        _objective.AfterOptimizerStep(step, totalSteps);
        return new StepResult(sums, top1Count > 0 ? top1 / top1Count : null, norm);
    }

    public void Dispose() => Optimizer.Dispose();
}
