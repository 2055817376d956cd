using System.Diagnostics;
using Gtgm.Imaging.Loading;
using Gtgm.Networks.Layers;
using Gtgm.Networks.Optimization;
using Gtgm.Platform;
using Gtgm.Reporting;
using Gtgm.Segmentation.Inference;
using Gtgm.Segmentation.Losses;
using Gtgm.Segmentation.Metrics;
using Gtgm.Segmentation.Networks;
using Gtgm.Transforms.Augmentation;
using Gtgm.Transforms.Preprocessing;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gtgm.Segmentation.Finetuning;

/// <summary>What a finetuning run produced.</summary>
public sealed record FinetuneResult(
    DataSplit Split, WeightLoadReport? EncoderLoad, long Steps, TimeSpan TrainingTime, long BestStep,
    double BestValidationDice, EvaluationReport Validation);

/// <summary>
/// Finetunes encoder + U-Net decoder on an MSD task: seeded split → per-modality preprocessing of every labelled
/// case (all files are read and checked before the first step) → patches with foreground oversampling and random
/// flips → Dice+CE, AdamW, poly learning rate → periodic validation (mean foreground Dice on the validation split,
/// on the network's grid) that selects the checkpoint → final evaluation of the selected model on the validation
/// split in source geometry. The test set plays no part in any of it.
/// </summary>
public static class Finetuner
{
    public static FinetuneResult Run(FinetuneOptions o, RunFolder run, IProgress<ProgressUpdate> progress, CancellationToken cancellation = default)
    {
        var task = SegmentationTask.Load(o.Task);
        // Only checked here (files exist, classes match): the test set is scored by `gtgm evaluate`, never used in training.
        if (o.Test != null) SegmentationTask.Load(o.Test);
        var split = DataSplit.Make(task.Training.Select(c => c.Id).ToList(), o.SplitSeed, o.LabelFraction);
        split.Save(run.File(DataSplit.FileName));

        int[] patch = o.PatchSize;
        var plan = ModalityPreprocessing.For(task.Modality).WithSpacing(o.Spacing) with { MinimumSize = (patch[0], patch[1], patch[2]) };
        var spec = new SegmentationModelSpec(o.EncoderArch, o.Width, task.Channels, task.ClassNames, task.Modality, plan, patch, o.FlipAxes);
        TorchRuntime.Seed(o.Seed);
        var net = spec.CreateNet();
        RequirePatchFits(patch, net.SizeDivisor);
        var encoderLoad = string.Equals(o.Encoder, "random", StringComparison.OrdinalIgnoreCase) ? null : EncoderWeights.Load(net.Encoder, o.Encoder);
        spec.Save(run.File(SegmentationModelSpec.FileName));

        var byId = task.Training.ToDictionary(c => c.Id);
        var preprocessor = new Preprocessor(plan);
        var prepared = new List<PreparedCase>();
        var toPrepare = split.Train.Concat(split.Validation).ToList();
        foreach (var id in toPrepare)
        {
            cancellation.ThrowIfCancellationRequested();
            prepared.Add(PreparedCase.Prepare(task, byId[id], preprocessor));
            progress.Report(new ProgressUpdate("prepare", prepared.Count, toPrepare.Count, "case"));
        }
        var train = prepared.Take(split.Train.Count).ToList();
        var validation = prepared.Skip(split.Train.Count).ToList();

        var device = TorchRuntime.ResolveDevice(o.Device);
        MixedPrecision.Apply(net, MixedPrecision.Parse(o.Precision));
        net.to(device);
        using var optimizer = new InPlaceAdamW(net.parameters(), o.LearningRate, weightDecay: o.WeightDecay);
        var loss = new DiceCeLoss();
        var predictor = new SegmentationPredictor(net, spec, device, o.Overlap);
        string bestPath = Path.Combine(run.CheckpointDirectory, SegmentationCheckpoint.BestFile);

        var sampler = new LabelBalancedCrop((patch[0], patch[1], patch[2]), o.ForegroundFraction, 1 - o.ForegroundFraction);
        var flips = SegmentationPredictor.FlipAxes(o.FlipAxes);
        var flip = new RandomFlip(0.5, flips.Contains(0), flips.Contains(1), flips.Contains(2));
        var loader = new PrefetchingLoader<Patch[]>((index, rng, _) =>
            Enumerable.Range(0, o.BatchSize).Select(_ =>
            {
                var c = train[rng.Next(train.Count)];
                return flip.Apply(sampler.Sample(c.Image, c.Labels, rng), rng);
            }).ToArray(), o.Steps, o.Seed, "finetune-batch", workers: 1, capacity: 4, cancellationToken: cancellation);

        var clock = Stopwatch.StartNew();
        double timeLimit = o.TimeLimitMinutes * 60;
        // With a time limit the step count is only a ceiling, so progress shows no (misleading) total and ETA.
        long? total = timeLimit > 0 ? null : o.Steps;
        long step = 0, bestStep = 0;
        double best = double.NegativeInfinity, lossSum = 0;
        int lossCount = 0;
        foreach (var batch in loader)
        {
            cancellation.ThrowIfCancellationRequested();
            double done = Math.Max((double)step / o.Steps, timeLimit > 0 ? clock.Elapsed.TotalSeconds / timeLimit : 0);
            if (done >= 1) break;
            double lr = o.LearningRate * Math.Pow(1 - done, 0.9);
            optimizer.LearningRate = lr;

            net.train();
            using (var scope = NewDisposeScope())
            {
                var (x, y) = ToTensors(batch, device);
                optimizer.ZeroGrad();
                var l = loss.forward(net.forward(x), y);
                l.backward();
                optimizer.Step();
                lossSum += l.item<float>();
                lossCount++;
            }
            step++;
            bool last = step >= o.Steps || timeLimit > 0 && clock.Elapsed.TotalSeconds >= timeLimit;
            if (step % 10 == 0 || last)
            {
                run.Log(step, new Dictionary<string, double> { ["train/loss"] = lossSum / lossCount, ["train/lr"] = lr });
                progress.Report(new ProgressUpdate("finetune", step, total, "step", $"loss {lossSum / lossCount:0.000}"));
                lossSum = 0; lossCount = 0;
            }
            if (step % o.ValidateEvery == 0 || last)
            {
                double dice = ValidationDice(predictor, validation, task.ClassNames.Count);
                run.Log(step, new Dictionary<string, double> { ["val/mean_dice"] = dice, ["time/minutes"] = clock.Elapsed.TotalMinutes });
                if (dice > best)
                {
                    best = dice;
                    bestStep = step;
                    SegmentationCheckpoint.Save(net, bestPath);
                }
                progress.Report(new ProgressUpdate("finetune", step, total, "step", $"val Dice {dice:0.000} (best {best:0.000} at {bestStep})"));
            }
            if (last) break;
        }
        var trainingTime = clock.Elapsed;
        SegmentationCheckpoint.Save(net, Path.Combine(run.CheckpointDirectory, SegmentationCheckpoint.LastFile));

        // Final figures come from the selected checkpoint, scored in source geometry like `gtgm evaluate`.
        net.load_safetensors(bestPath);
        var report = SegmentationEvaluator.Evaluate(predictor, task, split.Validation.Select(id => byId[id]).ToList(), progress, cancellation);
        return new FinetuneResult(split, encoderLoad, step, trainingTime, bestStep, best, report);
    }

    internal static void RequirePatchFits(int[] patch, int[] divisor)
    {
        if (patch.Length != 3 || Enumerable.Range(0, 3).Any(a => patch[a] < 1 || patch[a] % divisor[a] != 0))
            throw new UserInputException(
                $"--patch {string.Join(",", patch)}: each extent (z, y, x) must be a positive multiple of the encoder's total stride {string.Join(",", divisor)}");
    }

    static (Tensor Image, Tensor Labels) ToTensors(Patch[] batch, Device device)
    {
        var p0 = batch[0];
        var image = tensor(batch.SelectMany(p => p.Image).ToArray(), new long[] { batch.Length, p0.Channels, p0.Depth, p0.Height, p0.Width });
        var labels = tensor(batch.SelectMany(p => p.Labels!).Select(v => (long)v).ToArray(), new long[] { batch.Length, p0.Depth, p0.Height, p0.Width });
        return (image.to(device), labels.to(device));
    }

    /// <summary>Mean foreground Dice over the validation cases, predicted and scored on the network's grid.</summary>
    static double ValidationDice(SegmentationPredictor predictor, IReadOnlyList<PreparedCase> cases, int classes)
    {
        double sum = 0;
        foreach (var c in cases)
        {
            using var probabilities = predictor.PredictPreprocessed(c.Image);
            using var labels = probabilities.argmax(0).to(int32);
            sum += DiceMetric.PerClass(labels.data<int>().ToArray(), c.Labels.Data, classes).Average();
        }
        return sum / cases.Count;
    }
}
