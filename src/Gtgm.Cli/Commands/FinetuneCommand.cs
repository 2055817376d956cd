using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Gtgm.Cli.Hosting;
using Gtgm.Platform;
using Gtgm.Reporting;
using Gtgm.Segmentation.Finetuning;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm finetune`: encoder + U-Net decoder on an MSD task; writes a run folder.</summary>
static class FinetuneCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var task = new Option<string>("--task") { Description = "MSD task folder (dataset.json, imagesTr, labelsTr)", Required = true };
        var test = new Option<string?>("--test") { Description = "Task folder whose labelled cases form the test set, when --task has no imagesTs/labelsTs" };
        var encoder = new Option<string>("--encoder") { Description = "Encoder start: random, a pretraining run folder, or a .safetensors file", DefaultValueFactory = _ => "random" };
        var arch = new Option<string>("--encoder-arch") { Description = "Encoder architecture (resnet10, resnet18, resnet34, resnet50)", DefaultValueFactory = _ => "resnet18" };
        var width = new Option<double>("--width") { Description = "Channel width multiplier of the encoder (1 = 64 stem channels)", DefaultValueFactory = _ => 1.0 };
        var fraction = new Option<double>("--label-fraction") { Description = "Share of the training cases whose labels are used (0.01, 0.1, 1; at least one case)", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<int>("--seed") { Description = "Seed for initialisation, patches and augmentation", DefaultValueFactory = _ => 0 };
        var splitSeed = new Option<int>("--split-seed") { Description = "Seed of the fixed 80/20 train/validation split", DefaultValueFactory = _ => 0 };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps", DefaultValueFactory = _ => 1000 };
        var epochs = new Option<int?>("--epochs") { Description = "Alternative to --steps: passes over the labelled training cases (one patch per case per pass)" };
        var timeLimit = new Option<double>("--time-limit") { Description = "Stop training after this many minutes (0 = no limit); the learning rate anneals over whichever of steps and time ends first", DefaultValueFactory = _ => 0 };
        var patch = new Option<string>("--patch") { Description = "Patch size z,y,x (multiples of the encoder's total stride, e.g. 8,32,32 for ResNets)", DefaultValueFactory = _ => "64,64,64" };
        var spacing = SpacingArgument.CreateOption();
        var batch = new Option<int>("--batch-size") { Description = "Patches per step", DefaultValueFactory = _ => 2 };
        var lr = new Option<double>("--lr") { Description = "Peak AdamW learning rate (poly decay, exponent 0.9)", DefaultValueFactory = _ => 1e-3 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "AdamW weight decay", DefaultValueFactory = _ => 3e-5 };
        var foreground = new Option<double>("--foreground-fraction") { Description = "Share of patches centred on foreground", DefaultValueFactory = _ => 1.0 / 3 };
        var flip = new Option<string>("--flip") { Description = "Axes mirrored at random in training (subset of zyx, or none)", DefaultValueFactory = _ => "zyx" };
        var precision = new Option<string>("--precision") { Description = "fp32 or bf16 (mixed: bf16 convolutions, fp32 weights)", DefaultValueFactory = _ => "fp32" };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads (0 = one per core)", DefaultValueFactory = _ => 0 };
        var validateEvery = new Option<int>("--validate-every") { Description = "Validate (and keep the best checkpoint) every N steps", DefaultValueFactory = _ => 100 };
        var overlap = new Option<double>("--overlap") { Description = "Sliding-window overlap for validation", DefaultValueFactory = _ => 0.5 };
        var name = new Option<string?>("--name") { Description = "Run name (default: finetune-<task>-<time>)" };
        var runsDir = new Option<string>("--runs-dir") { Description = "Folder that holds run folders", DefaultValueFactory = _ => "runs" };

        var command = new Command("finetune", "Finetune an encoder with a U-Net decoder on an MSD segmentation task")
        {
            task, test, encoder, arch, width, fraction, seed, splitSeed, steps, epochs, timeLimit, patch, spacing, batch, lr, weightDecay,
            foreground, flip, precision, device, threads, validateEvery, overlap, name, runsDir, ConfigMerge.ConfigOption,
        };
        command.SetAction((parse, cancellation) =>
        {
            TorchRuntime.SetThreads(parse.GetValue(threads));
            string taskPath = parse.GetValue(task)!;
            int stepCount = parse.GetValue(steps);
            if (parse.GetValue(epochs) is int e)
            {
                int cases = DataSplit.Make(SegmentationTask.Load(taskPath).Training.Select(c => c.Id).ToList(),
                    parse.GetValue(splitSeed), parse.GetValue(fraction)).Train.Count;
                stepCount = Math.Max(1, e * (int)Math.Ceiling(cases / (double)parse.GetValue(batch)));
            }
            PrecisionArgument.Parse(parse.GetValue(precision)!, parse.GetValue(device)!, env.Error);
            var options = new FinetuneOptions(
                taskPath, parse.GetValue(test), parse.GetValue(encoder)!, parse.GetValue(arch)!, parse.GetValue(width),
                parse.GetValue(fraction), parse.GetValue(seed), parse.GetValue(splitSeed), stepCount, parse.GetValue(timeLimit),
                ShapeArgument.Parse("--patch", parse.GetValue(patch)!), parse.GetValue(batch), parse.GetValue(lr), parse.GetValue(weightDecay),
                parse.GetValue(foreground), NormalizeFlip(parse.GetValue(flip)!), parse.GetValue(precision)!, parse.GetValue(device)!,
                parse.GetValue(validateEvery), parse.GetValue(overlap), SpacingArgument.Parse(parse.GetValue(spacing)!));
            Validate(options);

            string runName = parse.GetValue(name) ?? $"finetune-{Path.GetFileName(Path.GetFullPath(taskPath).TrimEnd('/'))}-{DateTime.Now:yyyyMMdd-HHmmss}";
            using var run = RunFolder.Open(parse.GetValue(runsDir)!, runName, resume: false);
            var config = ResolvedOptions.ToJson(command, parse, name, runsDir, epochs);
            config["steps"] = stepCount;
            run.WriteConfig(config);

            using var progress = env.Progress();
            var result = Finetuner.Run(options, run, progress, cancellation);
            string report = Report(options, result, run.Path);
            run.WriteReport(report);
            Gtgm.IO.AtomicFile.WriteAllText(run.File("val_results.csv"), result.Validation.ToCsv());
            if (result.EncoderLoad is { } load) env.Out.WriteLine("encoder weights: " + load.Summary);
            env.Out.WriteLine($"run folder: {run.Path}");
            env.Out.WriteLine($"{result.Steps} steps in {result.TrainingTime.TotalMinutes:0.0} min; best validation Dice {result.BestValidationDice:0.0000} at step {result.BestStep}");
            env.Out.WriteLine("validation split, source geometry:");
            env.Out.Write(result.Validation.ToMarkdown());
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    static void Validate(FinetuneOptions o)
    {
        if (o.Steps < 1) throw new UserInputException($"--steps {o.Steps}: must be at least 1");
        if (o.BatchSize < 1) throw new UserInputException($"--batch-size {o.BatchSize}: must be at least 1");
        if (!(o.LearningRate > 0)) throw new UserInputException($"--lr {o.LearningRate}: must be positive");
        if (!(o.ForegroundFraction >= 0 && o.ForegroundFraction <= 1)) throw new UserInputException($"--foreground-fraction {o.ForegroundFraction}: must be in [0, 1]");
        if (!(o.Overlap >= 0 && o.Overlap < 1)) throw new UserInputException($"--overlap {o.Overlap}: must be in [0, 1)");
        if (o.ValidateEvery < 1) throw new UserInputException($"--validate-every {o.ValidateEvery}: must be at least 1");
        if (o.TimeLimitMinutes < 0) throw new UserInputException($"--time-limit {o.TimeLimitMinutes}: must be 0 or more");
    }

    static string NormalizeFlip(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t == "none" || t == "") return "";
        if (t.Any(c => "zyx".IndexOf(c) < 0)) throw new UserInputException($"--flip {text}: expected a subset of zyx, or none");
        return new string("zyx".Where(t.Contains).ToArray());
    }

    static string Report(FinetuneOptions o, FinetuneResult r, string runPath)
    {
        var sb = new StringBuilder();
        sb.Append($"# Finetuning: {Path.GetFileName(Path.GetFullPath(o.Task).TrimEnd('/'))}\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"- encoder: {o.EncoderArch} (width {o.Width}), start: {o.Encoder}\n");
        if (r.EncoderLoad is { } load) sb.Append($"- encoder weights: {load.Summary}\n");
        sb.Append(CultureInfo.InvariantCulture, $"- split (seed {r.Split.SplitSeed}): {r.Split.Train.Count} labelled training cases (label fraction {o.LabelFraction}), {r.Split.Validation.Count} validation cases\n");
        sb.Append(CultureInfo.InvariantCulture, $"- {r.Steps} steps of batch {o.BatchSize}, patch {string.Join("×", o.PatchSize)}, AdamW lr {o.LearningRate} (poly), {r.TrainingTime.TotalMinutes:0.0} min of training\n");
        sb.Append(CultureInfo.InvariantCulture, $"- model selection on the validation split only: best mean Dice {r.BestValidationDice:0.0000} at step {r.BestStep} (network grid)\n\n");
        sb.Append("## Validation split, scored in source geometry (background excluded)\n\n");
        sb.Append(r.Validation.ToMarkdown());
        sb.Append("\nPer-case scores: val_results.csv. Test set: `gtgm evaluate --run " + runPath + " --split test`.\n");
        return sb.ToString();
    }
}
