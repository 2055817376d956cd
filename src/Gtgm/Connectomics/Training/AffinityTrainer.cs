using System.Diagnostics;
using Gtgm.Imaging.Hdf5;
using Gtgm.Imaging.Loading;
using Gtgm.Networks.Optimization;
using Gtgm.Platform;
using Gtgm.Reporting;
using Gtgm.Segmentation.Finetuning;
using Gtgm.Segmentation.Networks;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gtgm.Connectomics.Training;

/// <summary>What an affinity-training run produced. <paramref name="Best"/> is null when the run had no validation.</summary>
public sealed record AffinityTrainResult(
    WeightLoadReport? EncoderLoad, long Steps, TimeSpan TrainingTime, double FirstTrainLoss, double LastTrainLoss,
    long BestStep, AffinityValidationResult? Best, (int Depth, int Height, int Width) TrainShape, (int Depth, int Height, int Width)? ValidationShape);

/// <summary>
/// Trains an EM affinity network (encoder + U-Net decoder, 3 outputs) the way <see cref="Finetuner"/> finetunes
/// a segmentation net, with the same pieces: the model spec and checkpoint files of a finetuning run, AdamW with a
/// poly learning rate over whichever of steps and time limit is further along, prefetched seeded batches.
/// Batches come from <see cref="AffinityBatchSampler"/>, the loss is <see cref="AffinityLoss"/>. Every
/// <c>ValidateEvery</c> steps (and at the end) <see cref="AffinityValidation"/> scores the whole validation
/// volume, and the checkpoint with the lowest validation VOI sum is kept as the run's model (VOI rather than the
/// loss because the segmentation is what is scored, and the loss of a class-balanced BCE need not fall with it).
/// Without validation the last weights are the model; with 0 steps that is the initialised net (a baseline).
/// </summary>
public static class AffinityTrainer
{
    /// <summary>Train-loss averages are logged every this many steps.</summary>
    public const int LogEvery = 10;

    public static AffinityTrainResult Run(AffinityTrainOptions o, RunFolder run, IProgress<ProgressUpdate> progress, CancellationToken cancellation = default)
    {
        var (train, validationVolume) = ReadData(o);
        int[] patch = o.PatchSize;
        var spec = AffinityModel.Spec(o.EncoderArch, o.Width, patch);
        TorchRuntime.Seed(o.Seed);
        var net = spec.CreateNet();
        Finetuner.RequirePatchFits(patch, net.SizeDivisor);
        var encoderLoad = string.Equals(o.Encoder, "random", StringComparison.OrdinalIgnoreCase) ? null : EncoderWeights.Load(net.Encoder, o.Encoder);
        spec.Save(run.File(SegmentationModelSpec.FileName));

        var device = TorchRuntime.ResolveDevice(o.Device);
        net.to(device);
        using var optimizer = new InPlaceAdamW(net.parameters(), o.LearningRate, weightDecay: o.WeightDecay);
        using var loss = new AffinityLoss(o.Balanced);
        var predictor = new AffinityPredictor(net, patch, device, o.Overlap);
        using var validation = validationVolume == null ? null : new AffinityValidation(validationVolume, o.ZeroLabel);
        string bestPath = Path.Combine(run.CheckpointDirectory, SegmentationCheckpoint.BestFile);

        var sampler = new AffinityBatchSampler((patch[0], patch[1], patch[2]), o.ZeroLabel);
        var loader = new PrefetchingLoader<AffinityBatch>((_, rng, _) => sampler.Sample(train, o.BatchSize, rng),
            o.Steps, o.Seed, "em-affinity-batch", workers: 1, capacity: 4, cancellationToken: cancellation);

        var clock = Stopwatch.StartNew();
        double timeLimit = o.TimeLimitMinutes * 60;
        long? total = timeLimit > 0 ? null : o.Steps;
        long step = 0, bestStep = 0;
        AffinityValidationResult? best = null;
        double lossSum = 0, firstLoss = double.NaN, lastLoss = double.NaN;
        int lossCount = 0;
        foreach (var batch in loader)
        {
            cancellation.ThrowIfCancellationRequested();
            double fraction = Math.Max((double)step / o.Steps, timeLimit > 0 ? clock.Elapsed.TotalSeconds / timeLimit : 0);
            if (fraction >= 1) break;
            optimizer.LearningRate = o.LearningRate * Math.Pow(1 - fraction, 0.9);

            net.train();
            using (var scope = NewDisposeScope())
            {
                var (raw, affinities, mask) = batch.ToTensors(device);
                optimizer.ZeroGrad();
                var l = loss.forward(net.forward(raw), affinities, mask);
                l.backward();
                optimizer.Step();
                lossSum += l.item<float>();
                lossCount++;
            }
            step++;
            bool finished = step >= o.Steps || timeLimit > 0 && clock.Elapsed.TotalSeconds >= timeLimit;
            if (step % LogEvery == 0 || finished)
            {
                lastLoss = lossSum / lossCount;
                if (double.IsNaN(firstLoss)) firstLoss = lastLoss;
                run.Log(step, new Dictionary<string, double> { ["train/loss"] = lastLoss, ["train/lr"] = optimizer.LearningRate });
                progress.Report(new ProgressUpdate("em-train", step, total, "step", $"loss {lastLoss:0.0000}"));
                lossSum = 0; lossCount = 0;
            }
            if (validation != null && (step % o.ValidateEvery == 0 || finished))
            {
                var v = validation.Run(predictor, loss);
                run.Log(step, Metrics(v, clock.Elapsed));
                if (best == null || v.Score.VoiSum < best.Score.VoiSum)
                {
                    best = v;
                    bestStep = step;
                    SegmentationCheckpoint.Save(net, bestPath);
                }
                progress.Report(new ProgressUpdate("em-train", step, total, "step",
                    $"val loss {v.Loss:0.0000}, VOI {v.Score.VoiSum:0.000} (best {best.Score.VoiSum:0.000} at {bestStep})"));
            }
            if (finished) break;
        }
        var trainingTime = clock.Elapsed;
        SegmentationCheckpoint.Save(net, Path.Combine(run.CheckpointDirectory, SegmentationCheckpoint.LastFile));
        if (best == null)
        {
            // No validation (none given, or --steps 0): the last weights are the model, e.g. an untrained baseline.
            SegmentationCheckpoint.Save(net, bestPath);
            bestStep = step;
        }
        var trainShape = (train.Labels.Depth, train.Labels.Height, train.Labels.Width);
        var validationShape = validationVolume == null ? ((int, int, int)?)null
            : (validationVolume.Labels.Depth, validationVolume.Labels.Height, validationVolume.Labels.Width);
        return new AffinityTrainResult(encoderLoad, step, trainingTime, firstLoss, lastLoss, bestStep, best, trainShape, validationShape);
    }

    /// <summary>The training volume and the validation one: --val's file, or the last sections of --train.</summary>
    static (EmVolume Train, EmVolume? Validation) ReadData(AffinityTrainOptions o)
    {
        if (o.ValidationSlices <= 0)
            return (EmVolume.Read(o.Train, o.RawDataset, o.LabelsDataset),
                o.Validation == null ? null : EmVolume.Read(o.Validation, o.RawDataset, o.LabelsDataset));
        int depth = CremiReader.Describe(o.Train, o.RawDataset).Shape[0];
        if (o.ValidationSlices >= depth)
            throw UserInputException.ForFile(o.Train, $"has {depth} sections; --val-slices {o.ValidationSlices} would leave none to train on");
        return (EmVolume.Read(o.Train, o.RawDataset, o.LabelsDataset, 0, depth - o.ValidationSlices),
            EmVolume.Read(o.Train, o.RawDataset, o.LabelsDataset, depth - o.ValidationSlices, o.ValidationSlices));
    }

    static Dictionary<string, double> Metrics(AffinityValidationResult v, TimeSpan elapsed) => new()
    {
        ["val/loss"] = v.Loss,
        ["val/voi_split"] = v.Score.VoiSplit,
        ["val/voi_merge"] = v.Score.VoiMerge,
        ["val/voi_sum"] = v.Score.VoiSum,
        ["val/arand"] = v.Score.Arand,
        ["val/cremi"] = v.Score.CremiScore,
        ["time/minutes"] = elapsed.TotalMinutes,
    };
}
