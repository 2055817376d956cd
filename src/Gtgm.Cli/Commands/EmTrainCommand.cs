using System.CommandLine;
using System.Globalization;
using Gtgm.Cli.Hosting;
using Gtgm.Connectomics;
using Gtgm.Connectomics.Training;
using Gtgm.Imaging.Hdf5;
using Gtgm.Platform;
using Gtgm.Reporting;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm em train`: an affinity network (encoder + U-Net decoder, 3 outputs) on CREMI files; writes a run folder.</summary>
static class EmTrainCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var train = new Option<string>("--train") { Description = "CREMI HDF5 file with raw and neuron ids to train on", Required = true };
        var val = new Option<string?>("--val") { Description = "CREMI HDF5 file to validate on (whole volume) and select the model by" };
        var valSlices = new Option<int>("--val-slices") { Description = "Instead of --val: hold out the last N sections of --train for validation", DefaultValueFactory = _ => 0 };
        var encoder = new Option<string>("--encoder") { Description = "Encoder start: random, a pretraining run folder, or a .safetensors file", DefaultValueFactory = _ => "random" };
        var arch = new Option<string>("--encoder-arch") { Description = "Encoder architecture (resnet10, resnet18, resnet34, resnet50)", DefaultValueFactory = _ => "resnet18" };
        var width = new Option<double>("--width") { Description = "Channel width multiplier of the encoder (1 = 64 stem channels)", DefaultValueFactory = _ => 0.25 };
        var patch = new Option<string>("--patch") { Description = "Patch size z,y,x (multiples of the encoder's total stride, 8,32,32 for ResNets)", DefaultValueFactory = _ => "16,64,64" };
        var batch = new Option<int>("--batch-size") { Description = "Patches per step", DefaultValueFactory = _ => 2 };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps (0 saves the initialised network, as a baseline)", DefaultValueFactory = _ => 1000 };
        var timeLimit = new Option<double>("--time-limit") { Description = "Stop training after this many minutes (0 = no limit); the learning rate anneals over whichever of steps and time ends first", DefaultValueFactory = _ => 0 };
        var lr = new Option<double>("--lr") { Description = "Peak AdamW learning rate (poly decay, exponent 0.9)", DefaultValueFactory = _ => 1e-3 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "AdamW weight decay", DefaultValueFactory = _ => 3e-5 };
        var seed = new Option<int>("--seed") { Description = "Seed for initialisation, patches and augmentation", DefaultValueFactory = _ => 0 };
        var loss = new Option<string>("--loss") { Description = "balanced (positive and negative edges weigh half each, Funke et al. 2019) or plain masked BCE", DefaultValueFactory = _ => "balanced" };
        var zero = new Option<string>("--zero-label") { Description = "Neuron id 0 is membrane (boundary: edges touching it are cut) or unknown (ignore: masked out)", DefaultValueFactory = _ => "boundary" };
        var validateEvery = new Option<int>("--validate-every") { Description = "Validate (and keep the checkpoint with the lowest VOI sum) every N steps", DefaultValueFactory = _ => 100 };
        var overlap = new Option<double>("--overlap") { Description = "Sliding-window overlap for validation", DefaultValueFactory = _ => 0.5 };
        var rawDataset = new Option<string>("--raw-dataset") { Description = "Raw dataset in the files", DefaultValueFactory = _ => CremiFile.Raw };
        var labelsDataset = new Option<string>("--labels-dataset") { Description = "Neuron-id dataset in the files", DefaultValueFactory = _ => CremiFile.NeuronIds };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads (0 = one per core)", DefaultValueFactory = _ => 0 };
        var name = new Option<string?>("--name") { Description = "Run name (default: em-train-<file>-<time>)" };
        var runsDir = new Option<string>("--runs-dir") { Description = "Folder that holds run folders", DefaultValueFactory = _ => "runs" };

        var command = new Command("train", "Train an affinity network (encoder + U-Net decoder) on CREMI files; keeps the model with the best validation VOI")
        {
            train, val, valSlices, encoder, arch, width, patch, batch, steps, timeLimit, lr, weightDecay, seed, loss, zero,
            validateEvery, overlap, rawDataset, labelsDataset, device, threads, name, runsDir, ConfigMerge.ConfigOption,
        };
        command.SetAction((parse, cancellation) =>
        {
            TorchRuntime.SetThreads(parse.GetValue(threads));
            var options = new AffinityTrainOptions(
                parse.GetValue(train)!, parse.GetValue(val), parse.GetValue(valSlices), parse.GetValue(encoder)!, parse.GetValue(arch)!,
                parse.GetValue(width), ShapeArgument.Parse("--patch", parse.GetValue(patch)!), parse.GetValue(batch), parse.GetValue(steps),
                parse.GetValue(lr), parse.GetValue(weightDecay), parse.GetValue(seed), parse.GetValue(timeLimit), parse.GetValue(validateEvery),
                Choice("--loss", parse.GetValue(loss)!, "balanced", "plain") == "balanced",
                Choice("--zero-label", parse.GetValue(zero)!, "boundary", "ignore") == "boundary" ? ZeroLabel.Boundary : ZeroLabel.Ignore,
                parse.GetValue(overlap), parse.GetValue(device)!, parse.GetValue(rawDataset)!, parse.GetValue(labelsDataset)!);
            Validate(options);

            string runName = parse.GetValue(name) ?? $"em-train-{Path.GetFileNameWithoutExtension(options.Train)}-{DateTime.Now:yyyyMMdd-HHmmss}";
            using var run = RunFolder.Open(parse.GetValue(runsDir)!, runName, resume: false);
            run.WriteConfig(ResolvedOptions.ToJson(command, parse, name, runsDir));

            AffinityTrainResult result;
            using (var progress = env.Progress())
                result = AffinityTrainer.Run(options, run, progress, cancellation);
            run.WriteReport(AffinityTrainReport.Markdown(options, result, run.Path));
            if (result.EncoderLoad is { } load) env.Out.WriteLine("encoder weights: " + load.Summary);
            env.Out.WriteLine($"run folder: {run.Path}");
            env.Out.WriteLine(result.Steps == 0 ? "0 steps: the initialised network is the model" : string.Create(CultureInfo.InvariantCulture,
                $"{result.Steps} steps in {result.TrainingTime.TotalMinutes:0.0} min; training loss {result.FirstTrainLoss:0.0000} -> {result.LastTrainLoss:0.0000}"));
            if (result.Best is { } best)
                env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"model: step {result.BestStep}, validation VOI split {best.Score.VoiSplit:0.0000}, merge {best.Score.VoiMerge:0.0000}, ARAND {best.Score.Arand:0.0000}, CREMI score {best.Score.CremiScore:0.0000}"));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    static void Validate(AffinityTrainOptions o)
    {
        if (o.Validation != null && o.ValidationSlices > 0) throw new UserInputException("--val and --val-slices: give one of them, not both");
        if (o.ValidationSlices < 0) throw new UserInputException($"--val-slices {o.ValidationSlices}: must be 0 or more");
        if (o.Steps < 0) throw new UserInputException($"--steps {o.Steps}: must be 0 (save the untrained network, a baseline) or more");
        if (o.BatchSize < 1) throw new UserInputException($"--batch-size {o.BatchSize}: must be at least 1");
        if (!(o.LearningRate > 0)) throw new UserInputException($"--lr {o.LearningRate}: must be positive");
        if (!(o.Overlap >= 0 && o.Overlap < 1)) throw new UserInputException($"--overlap {o.Overlap}: must be in [0, 1)");
        if (o.ValidateEvery < 1) throw new UserInputException($"--validate-every {o.ValidateEvery}: must be at least 1");
        if (o.TimeLimitMinutes < 0) throw new UserInputException($"--time-limit {o.TimeLimitMinutes}: must be 0 or more");
    }

    static string Choice(string option, string value, params string[] allowed) =>
        allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new UserInputException($"{option} {value}: expected {string.Join(" or ", allowed)}");
}
