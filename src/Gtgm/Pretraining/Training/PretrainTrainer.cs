using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gtgm.Platform;
using Gtgm.Pretraining.Objectives;
using Gtgm.Reporting;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Training;

/// <summary>
/// Runs pretraining into a run folder: builds the objective from a <see cref="PretrainSetup"/> under the run
/// seed, steps it with <see cref="PretrainStep"/> over batches from an <see cref="IPretrainDataSource"/>, logs
/// each step's metrics, and checkpoints every N steps.
/// <para>Exact resume: the state that decides step k's numbers is (model, AdamW state, step k). The schedule is
/// a function of k, batch k's micro-batches are data indices k·A .. k·A+A-1 (pure functions of the seed), and
/// libtorch's generator is re-seeded from (seed, k) before each step. A checkpoint therefore holds model,
/// optimizer and a state.json with the step, the next data index and the seed; resuming from step k gives
/// bit-identical metrics to the uninterrupted run on the same machine and thread count.</para>
/// </summary>
public static class PretrainTrainer
{
    public const string ModelFile = "model.bin";
    public const string OptimizerFile = "optimizer.bin";
    public const string StateFile = "state.json";

    public static PretrainResult Run(PretrainSetup setup, IPretrainDataSource data, PretrainOptions options, RunFolder run,
        bool resume, IProgress<ProgressUpdate>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        progress ??= Reporting.Progress.None;
        var device = TorchRuntime.ResolveDevice(options.Device);
        var store = new CheckpointStore(run.CheckpointDirectory, options.KeepCheckpoints);

        TorchRuntime.Seed(options.Seed);
        using var objective = setup.CreateObjective();
        objective.to(device);
        if (objective.UsesText && data.TextDim != setup.TextDim)
            throw new UserInputException($"text embeddings have {data.TextDim} dimensions but the run expects {setup.TextDim}");

        using var trainer = new PretrainStep(objective, options.Optimizer, options.Precision);
        long start = 0;
        if (resume && store.Latest() is var (step, path))
        {
            CheckpointStore.Verify(path);
            start = Load(path, objective, trainer, options);
            run.Metrics.TruncateAfter(start);
        }

        if (objective.Kind == ObjectiveKind.Random || options.Steps == 0)
        {
            string only = Save(store, 0, objective, trainer, setup, options);
            return new PretrainResult(0, 0, only, new Dictionary<string, double>());
        }

        var schedule = options.Schedule();
        string last = store.Latest()?.Path ?? "";
        var lastMetrics = new Dictionary<string, double>();
        using var prefetch = new BatchPrefetcher(data, options.BatchSize);
        for (long k = start; k < options.Steps; k++)
        {
            cancel.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            double wait = 0;
            using var scope = NewDisposeScope();
            var micro = new List<PretrainBatch>();
            for (int m = 0; m < options.AccumulationSteps; m++)
            {
                var host = prefetch.Get(k * options.AccumulationSteps + m);
                wait += prefetch.LastWait.TotalSeconds;
                micro.Add(host.ToDevice(device));
            }
            double lr = schedule.LearningRate(k);
            trainer.SetLearningRate(lr);
            torch.manual_seed(StepSeed(options.Seed, k));
            var result = trainer.Run(micro, k, options.Steps);

            lastMetrics = new Dictionary<string, double>(result.Terms)
            {
                ["lr"] = lr,
                ["grad_norm"] = result.GradNorm,
                ["step_time_s"] = clock.Elapsed.TotalSeconds,
                ["data_wait_s"] = wait,
            };
            if (result.ImageTextTop1 is double top1) lastMetrics["image_text_top1"] = top1;
            run.Log(k + 1, lastMetrics);
            if ((k + 1) % options.CheckpointEvery == 0 || k + 1 == options.Steps)
                last = Save(store, k + 1, objective, trainer, setup, options);
            progress.Report(new ProgressUpdate("pretrain", k + 1, options.Steps, "step", $"loss {result.Terms["loss"]:0.0000}"));
        }
        return new PretrainResult(options.Steps, start, last, lastMetrics);
    }

    /// <summary>The libtorch seed for step k: independent of how the run got to step k.</summary>
    public static long StepSeed(int seed, long step) => Rng.Stream(seed, "torch-step", step).NextInt64();

    /// <summary>Reads the setup stored with a checkpoint.</summary>
    public static PretrainSetup ReadSetup(string checkpoint)
    {
        CheckpointStore.Verify(checkpoint);
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(checkpoint, StateFile)))!;
        return state["setup"].Deserialize<PretrainSetup>()
            ?? throw UserInputException.ForFile(Path.Combine(checkpoint, StateFile), "no setup recorded");
    }

    /// <summary>Rebuilds the objective a checkpoint was saved from and loads its weights (after verifying it).</summary>
    public static PretrainObjective LoadObjective(string checkpoint)
    {
        var setup = ReadSetup(checkpoint);
        var objective = setup.CreateObjective();
        objective.load(Path.Combine(checkpoint, ModelFile));
        return objective;
    }

    static string Save(CheckpointStore store, long step, PretrainObjective objective, PretrainStep trainer, PretrainSetup setup, PretrainOptions options) =>
        store.Save(step, dir =>
        {
            objective.save(Path.Combine(dir, ModelFile));
            trainer.Optimizer.Save(Path.Combine(dir, OptimizerFile));
            var state = new JsonObject
            {
                ["step"] = step,
                ["next_data_index"] = step * options.AccumulationSteps,
                ["seed"] = options.Seed,
                ["torch_seed_rule"] = "Rng.Stream(seed, \"torch-step\", step)",
                ["schedule"] = JsonSerializer.SerializeToNode(options.Schedule()),
                ["setup"] = JsonSerializer.SerializeToNode(setup),
            };
            File.WriteAllText(Path.Combine(dir, StateFile), state.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        });

    static long Load(string checkpoint, PretrainObjective objective, PretrainStep trainer, PretrainOptions options)
    {
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(checkpoint, StateFile)))!;
        int seed = state["seed"]!.GetValue<int>();
        if (seed != options.Seed)
            throw UserInputException.ForFile(checkpoint, $"was trained with seed {seed}, not {options.Seed}; resume with the run's own config");
        objective.load(Path.Combine(checkpoint, ModelFile));
        trainer.Optimizer.Load(Path.Combine(checkpoint, OptimizerFile));
        return state["step"]!.GetValue<long>();
    }
}
