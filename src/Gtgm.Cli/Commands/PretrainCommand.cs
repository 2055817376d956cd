using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Gtgm.Cli.Hosting;
using Gtgm.Imaging;
using Gtgm.Networks;
using Gtgm.Networks.Layers;
using Gtgm.Platform;
using Gtgm.Pretraining;
using Gtgm.Pretraining.Objectives;
using Gtgm.Pretraining.Training;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm pretrain`: pretrain a 3-D encoder with GTGM or a baseline objective into runs/NAME.</summary>
static class PretrainCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var data = new Option<string[]>("--data") { Description = "Volume files or folders (MSD task folders, folders of .nii.gz/.mhd/.h5), each one data set; PATH@ct|mri|em sets its modality", Required = true, AllowMultipleArgumentsPerToken = true };
        var modality = new Option<string?>("--modality") { Description = "Modality (ct, mri, em) for --data paths that neither say it themselves nor carry @MODALITY" };
        var captions = new Option<string?>("--captions") { Description = "captions.jsonl from gtgm caption (needed by gtgm and vlp)" };
        var embeddings = new Option<string?>("--text-embeddings") { Description = "Caption embedding cache (gtgm embed-text); built with the text encoder when missing. Default: <captions>.embeddings" };
        var textEncoder = new Option<string?>("--text-encoder") { Description = "Text encoder for a missing cache, and checked against an existing one: minilm (default) or bert:DIR" };
        var objective = new Option<string>("--objective") { Description = "gtgm, vlp, vr (barlowtwins), byol, simsiam, pcrlv2 or random", DefaultValueFactory = _ => "gtgm" };
        var encoder = new Option<string>("--encoder") { Description = "resnet10, resnet18, resnet34, resnet50 or swin", DefaultValueFactory = _ => "resnet18" };
        var width = new Option<double>("--width") { Description = "Channel width multiplier (ResNet base 64·w, Swin 48·w)", DefaultValueFactory = _ => 1.0 };
        var inChannels = new Option<int>("--in-channels") { Description = "Image channels every volume has", DefaultValueFactory = _ => 1 };
        var patch = new Option<string>("--patch") { Description = "Crop size: N (cube) or D,H,W", DefaultValueFactory = _ => "64" };
        var spacing = SpacingArgument.CreateOption();
        var batchSize = new Option<int>("--batch-size") { Description = "Crops per micro-batch", DefaultValueFactory = _ => 4 };
        var accumulate = new Option<int>("--accumulate") { Description = "Micro-batches per optimizer step", DefaultValueFactory = _ => 1 };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps", DefaultValueFactory = _ => 1000 };
        var lr = new Option<double>("--lr") { Description = "AdamW peak learning rate", DefaultValueFactory = _ => 2e-5 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "AdamW decoupled weight decay", DefaultValueFactory = _ => 0.05 };
        var minLr = new Option<double>("--min-lr") { Description = "Learning rate at the bottom of each cosine cycle", DefaultValueFactory = _ => 0.0 };
        var warmup = new Option<int>("--warmup") { Description = "Linear warm-up steps", DefaultValueFactory = _ => 0 };
        var restart = new Option<int>("--restart-period") { Description = "Steps in the first cosine cycle (0: one cycle, no restart)", DefaultValueFactory = _ => 0 };
        var restartMult = new Option<double>("--restart-mult") { Description = "Each cycle is this much longer than the last", DefaultValueFactory = _ => 1.0 };
        var clip = new Option<double>("--clip") { Description = "Clip the global gradient norm to this (0: off)", DefaultValueFactory = _ => 1.0 };
        var precision = new Option<string>("--precision") { Description = "fp32 or bf16 (fp32 master weights, bf16 convolutions)", DefaultValueFactory = _ => "fp32" };
        var projDim = new Option<int>("--projection-dim") { Description = "Shared image-text projection size", DefaultValueFactory = _ => 512 };
        var rawBarlow = new Option<bool>("--raw-barlow") { Description = "Barlow Twins on raw, un-standardised projections (the reference code's variant)" };
        var seed = new Option<int>("--seed") { Description = "Run seed (weights, data order, augmentation)", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads (0: all cores)", DefaultValueFactory = _ => 0 };
        var name = new Option<string>("--name") { Description = "Run name (folder under --runs-dir)", Required = true };
        var runsDir = new Option<string>("--runs-dir") { Description = "Folder holding runs", DefaultValueFactory = _ => "runs" };
        var resume = new Option<bool>("--resume") { Description = "Continue runs/NAME from its newest checkpoint" };
        var every = new Option<int>("--checkpoint-every") { Description = "Steps between checkpoints", DefaultValueFactory = _ => 100 };
        var keep = new Option<int>("--keep-checkpoints") { Description = "Checkpoints kept (newest)", DefaultValueFactory = _ => 3 };
        var cacheMb = new Option<int>("--cache-mb") { Description = "Memory for preprocessed volumes", DefaultValueFactory = _ => 2048 };

        var command = new Command("pretrain", "Pretrain a 3-D image encoder on unlabeled volumes with GTGM (caption-guided) or a baseline objective");
        foreach (var o in new Option[] { data, modality, captions, embeddings, textEncoder, objective, encoder, width, inChannels, patch, spacing, batchSize, accumulate,
                     steps, lr, weightDecay, minLr, warmup, restart, restartMult, clip, precision, projDim, rawBarlow, seed, device, threads,
                     name, runsDir, resume, every, keep, cacheMb, ConfigMerge.ConfigOption })
            command.Options.Add(o);

        command.SetAction(parse =>
        {
            TorchRuntime.SetThreads(parse.GetValue(threads));
            string objectiveName = ObjectiveNames.Name(ObjectiveNames.Parse(parse.GetValue(objective)!));
            string encoderName = parse.GetValue(encoder)!.Trim().ToLowerInvariant();
            if (!EncoderRegistry.Names.Contains(encoderName))
                throw new UserInputException($"--encoder {encoderName}: unknown encoder; expected one of {string.Join(", ", EncoderRegistry.Names)}");
            var extent = ShapeArgument.Parse("--patch", parse.GetValue(patch)!);
            var patchSize = (extent[0], extent[1], extent[2]);
            var options = new PretrainOptions
            {
                Steps = parse.GetValue(steps), BatchSize = parse.GetValue(batchSize), AccumulationSteps = parse.GetValue(accumulate),
                Optimizer = new OptimizerSettings(parse.GetValue(lr), parse.GetValue(weightDecay), parse.GetValue(clip)),
                MinLearningRate = parse.GetValue(minLr), WarmupSteps = parse.GetValue(warmup),
                RestartPeriod = parse.GetValue(restart), RestartMultiplier = parse.GetValue(restartMult),
                Precision = PrecisionArgument.Parse(parse.GetValue(precision)!, parse.GetValue(device)!, env.Error), Seed = parse.GetValue(seed),
                CheckpointEvery = parse.GetValue(every), KeepCheckpoints = parse.GetValue(keep), Device = parse.GetValue(device)!,
            };
            var request = new PretrainRequest
            {
                Data = parse.GetValue(data)!,
                Modality = parse.GetValue(modality) is { } m ? ModalityNames.ParseKnown(m, "--modality") : null,
                CaptionsPath = parse.GetValue(captions),
                TextEmbeddingsPath = parse.GetValue(embeddings),
                TextEncoder = parse.GetValue(textEncoder),
                Setup = new PretrainSetup
                {
                    Objective = objectiveName, Encoder = encoderName, Width = parse.GetValue(width), InChannels = parse.GetValue(inChannels),
                    ProjectionDim = parse.GetValue(projDim), StandardizeBarlow = !parse.GetValue(rawBarlow),
                },
                Options = options,
                Patch = patchSize,
                Spacing = SpacingArgument.Parse(parse.GetValue(spacing)!),
                CacheBytes = (long)parse.GetValue(cacheMb) << 20,
                RunsDirectory = parse.GetValue(runsDir)!,
                Name = parse.GetValue(name)!,
                Resume = parse.GetValue(resume),
            };
            // The resolved options, under their option names, so `--config runs/NAME/config.json` repeats the run.
            var config = ResolvedOptions.ToJson(command, parse, resume);

            PretrainResult result;
            using (var progress = env.Progress())
                result = PretrainPipeline.Run(request, config, progress);
            var o = env.Out;
            o.WriteLine($"run          {Path.GetFullPath(Path.Combine(request.RunsDirectory, request.Name))}");
            o.WriteLine($"steps        {result.StepsDone}" + (result.ResumedFromStep > 0 ? $" (resumed from {result.ResumedFromStep})" : ""));
            foreach (var (key, value) in result.LastMetrics.OrderBy(p => p.Key, StringComparer.Ordinal))
                o.WriteLine($"{key,-12} {value.ToString("G5", CultureInfo.InvariantCulture)}");
            o.WriteLine($"checkpoint   {result.LastCheckpoint}");
            return ExitCodes.Success;
        });
        return command;
    }
}
