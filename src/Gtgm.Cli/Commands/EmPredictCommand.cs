using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Gtgm.Cli.Hosting;
using Gtgm.Connectomics;
using Gtgm.Connectomics.Training;
using Gtgm.Imaging.Hdf5;
using Gtgm.Platform;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm em predict`: affinities of a raw EM volume from an `em train` run, for `em segment`.</summary>
static class EmPredictCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var run = new Option<string>("--run") { Description = "Run folder of gtgm em train", Required = true };
        var input = new Option<string>("--input") { Description = "CREMI HDF5 file with the raw volume", Required = true };
        var rawDataset = new Option<string>("--raw-dataset") { Description = "Raw dataset in --input", DefaultValueFactory = _ => CremiFile.Raw };
        var output = new Option<string>("--out") { Description = "HDF5 file to write the [3, D, H, W] float32 affinities to", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "Affinity dataset to write in --out", DefaultValueFactory = _ => CremiFile.Affinities };
        var overlap = new Option<double>("--overlap") { Description = "Sliding-window overlap (Gaussian-weighted windows)", DefaultValueFactory = _ => 0.5 };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads (0 = one per core)", DefaultValueFactory = _ => 0 };
        var command = new Command("predict", "Predict the nearest-neighbour affinities (z, y, x) of a raw EM volume with an em train run's model")
        {
            run, input, rawDataset, output, dataset, overlap, device, threads, ConfigMerge.ConfigOption,
        };
        command.SetAction(parse =>
        {
            TorchRuntime.SetThreads(parse.GetValue(threads));
            double o = parse.GetValue(overlap);
            if (!(o >= 0 && o < 1)) throw new UserInputException($"--overlap {o}: must be in [0, 1)");
            var clock = Stopwatch.StartNew();
            var affinities = AffinityRunPrediction.Predict(parse.GetValue(run)!, parse.GetValue(input)!, parse.GetValue(rawDataset)!, o, parse.GetValue(device)!);
            string path = parse.GetValue(output)!;
            EmFiles.WriteAffinities(path, affinities, parse.GetValue(dataset)!);
            env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path}: affinities 3 × {affinities.Depth} × {affinities.Height} × {affinities.Width} (c × z × y × x), {clock.Elapsed.TotalSeconds:0.00} s"));
            return ExitCodes.Success;
        });
        return command;
    }
}
