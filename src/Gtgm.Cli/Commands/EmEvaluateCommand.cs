using System.CommandLine;
using System.Globalization;
using Gtgm.Cli.Hosting;
using Gtgm.Connectomics;
using Gtgm.Imaging.Hdf5;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm em evaluate`: CREMI scores of a neuron segmentation against its ground truth.</summary>
static class EmEvaluateCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var prediction = new Option<string>("--pred") { Description = "HDF5 file with the predicted neuron ids", Required = true };
        var truth = new Option<string>("--truth") { Description = "HDF5 file with the ground-truth neuron ids (0 = ignored)", Required = true };
        var predictionDataset = new Option<string>("--pred-dataset") { Description = "Neuron-id dataset in --pred", DefaultValueFactory = _ => CremiFile.NeuronIds };
        var truthDataset = new Option<string>("--truth-dataset") { Description = "Neuron-id dataset in --truth", DefaultValueFactory = _ => CremiFile.NeuronIds };
        var command = new Command("evaluate", "Score a neuron segmentation as CREMI does: VOI split / merge / sum (bits), adapted Rand error, CREMI score")
        {
            prediction, truth, predictionDataset, truthDataset, ConfigMerge.ConfigOption,
        };
        command.SetAction(parse =>
        {
            var s = EmFiles.Score(parse.GetValue(prediction)!, parse.GetValue(truth)!, parse.GetValue(predictionDataset)!, parse.GetValue(truthDataset)!);
            var o = env.Out;
            o.WriteLine(F($"VOI split    {s.VoiSplit:0.0000} bits"));
            o.WriteLine(F($"VOI merge    {s.VoiMerge:0.0000} bits"));
            o.WriteLine(F($"VOI sum      {s.VoiSum:0.0000} bits"));
            o.WriteLine(F($"ARAND        {s.Arand:0.0000} (Rand precision {s.RandPrecision:0.0000}, recall {s.RandRecall:0.0000})"));
            o.WriteLine(F($"CREMI score  {s.CremiScore:0.0000}"));
            return ExitCodes.Success;
        });
        return command;
    }

    static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
