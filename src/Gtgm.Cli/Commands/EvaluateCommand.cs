using System.CommandLine;
using Gtgm.Cli.Hosting;
using Gtgm.Platform;
using Gtgm.Segmentation.Finetuning;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm evaluate`: Dice and HD95 of a finetuning run's selected model on its validation or test cases.</summary>
static class EvaluateCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var run = new Option<string>("--run") { Description = "Finetuning run folder", Required = true };
        var split = new Option<string>("--split") { Description = "val (the run's validation split) or test (imagesTs/labelsTs, or the run's --test folder)", DefaultValueFactory = _ => "val" };
        var tta = new Option<bool>("--tta") { Description = "Average predictions over mirrored inputs (the axes flipped in training)" };
        var overlap = new Option<double>("--overlap") { Description = "Sliding-window overlap", DefaultValueFactory = _ => 0.5 };
        var savePredictions = new Option<bool>("--save-predictions") { Description = "Also write each prediction as NIfTI under <run>/predictions-<split>/" };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads (0 = one per core)", DefaultValueFactory = _ => 0 };
        var command = new Command("evaluate", "Score a finetuning run on its validation or test split: per-case and mean Dice and HD95 per foreground class")
        {
            run, split, tta, overlap, savePredictions, device, threads, ConfigMerge.ConfigOption,
        };
        command.SetAction((parse, cancellation) =>
        {
            TorchRuntime.SetThreads(parse.GetValue(threads));
            using var progress = env.Progress();
            var result = RunEvaluation.Evaluate(parse.GetValue(run)!, parse.GetValue(split)!, parse.GetValue(device)!,
                parse.GetValue(overlap), parse.GetValue(tta), parse.GetValue(savePredictions), progress, cancellation);
            env.Out.WriteLine($"{result.Split} split: {result.Report.Cases.Count} cases; results: {result.CsvPath}");
            env.Out.Write(result.Report.ToMarkdown());
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
