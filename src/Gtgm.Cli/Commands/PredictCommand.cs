using System.CommandLine;
using Gtgm.Cli.Hosting;
using Gtgm.Imaging;
using Gtgm.Platform;
using Gtgm.Segmentation.Finetuning;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm predict`: label maps for new images, written as NIfTI on each image's own grid.</summary>
static class PredictCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var run = new Option<string>("--run") { Description = "Finetuning run folder", Required = true };
        var input = new Option<string>("--input") { Description = "A .nii/.nii.gz image or a folder of them", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for the label maps (same file names as the inputs)", Required = true };
        var modality = new Option<string?>("--modality") { Description = "Modality of the inputs (default: the one the model was trained on); another one is refused" };
        var tta = new Option<bool>("--tta") { Description = "Average predictions over mirrored inputs (the axes flipped in training)" };
        var overlap = new Option<double>("--overlap") { Description = "Sliding-window overlap", DefaultValueFactory = _ => 0.5 };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads (0 = one per core)", DefaultValueFactory = _ => 0 };
        var command = new Command("predict", "Segment images with a finetuning run's model; writes NIfTI label maps in each input's geometry")
        {
            run, input, output, modality, tta, overlap, device, threads, ConfigMerge.ConfigOption,
        };
        command.SetAction((parse, cancellation) =>
        {
            TorchRuntime.SetThreads(parse.GetValue(threads));
            Modality? m = parse.GetValue(modality) is { } text ? ModalityNames.ParseKnown(text, "--modality") : null;
            using var progress = env.Progress();
            var written = RunPrediction.Predict(parse.GetValue(run)!, parse.GetValue(input)!, parse.GetValue(output)!, m,
                parse.GetValue(device)!, parse.GetValue(overlap), parse.GetValue(tta), progress, cancellation);
            foreach (var path in written) env.Out.WriteLine(path);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
