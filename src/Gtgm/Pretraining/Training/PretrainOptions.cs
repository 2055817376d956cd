using Gtgm.Networks.Layers;

namespace Gtgm.Pretraining.Training;

/// <summary>How to train: steps, batch, optimizer, schedule, precision, seed and checkpointing.</summary>
public sealed record PretrainOptions
{
    public int Steps { get; init; } = 1000;
    public int BatchSize { get; init; } = 8;
    /// <summary>Micro-batches per optimizer step; the effective batch is BatchSize x AccumulationSteps.</summary>
    public int AccumulationSteps { get; init; } = 1;
    public OptimizerSettings Optimizer { get; init; } = new();
    public double MinLearningRate { get; init; }
    public int WarmupSteps { get; init; }
    /// <summary>Steps in the first cosine cycle; 0 means one cycle over the whole run (no restart).</summary>
    public int RestartPeriod { get; init; }
    public double RestartMultiplier { get; init; } = 1;
    public Precision Precision { get; init; } = Precision.Float32;
    public int Seed { get; init; }
    public int CheckpointEvery { get; init; } = 100;
    public int KeepCheckpoints { get; init; } = 3;
    public string Device { get; init; } = "cpu";

    public CosineWarmRestartSchedule Schedule() => new(Optimizer.LearningRate, MinLearningRate,
        RestartPeriod > 0 ? RestartPeriod : Math.Max(1, Steps - WarmupSteps), RestartMultiplier, WarmupSteps);

    public void Validate()
    {
        if (Steps < 0) throw new UserInputException($"--steps {Steps}: must be 0 or more");
        if (BatchSize < 2) throw new UserInputException($"--batch-size {BatchSize}: contrastive and BatchNorm heads need at least 2");
        if (AccumulationSteps < 1) throw new UserInputException($"--accumulate {AccumulationSteps}: must be at least 1");
        if (!(Optimizer.LearningRate > 0)) throw new UserInputException($"--lr {Optimizer.LearningRate}: must be positive");
        if (Optimizer.WeightDecay < 0) throw new UserInputException($"--weight-decay {Optimizer.WeightDecay}: must be 0 or more");
        if (CheckpointEvery < 1) throw new UserInputException($"--checkpoint-every {CheckpointEvery}: must be at least 1");
        if (KeepCheckpoints < 1) throw new UserInputException($"--keep-checkpoints {KeepCheckpoints}: must be at least 1");
    }
}

/// <summary>What a pretraining run did.</summary>
public sealed record PretrainResult(long StepsDone, long ResumedFromStep, string LastCheckpoint, IReadOnlyDictionary<string, double> LastMetrics);
