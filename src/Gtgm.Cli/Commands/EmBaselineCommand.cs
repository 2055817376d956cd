using System.CommandLine;
using Gtgm.Cli.Hosting;
using Gtgm.Connectomics;
using Gtgm.Connectomics.Training;
using Gtgm.Imaging.Hdf5;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm em baseline`: raw-intensity affinities, the no-learning baseline for `em predict`.</summary>
static class EmBaselineCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var input = new Option<string>("--input") { Description = "CREMI HDF5 file with the raw volume", Required = true };
        var rawDataset = new Option<string>("--raw-dataset") { Description = "Raw dataset in --input", DefaultValueFactory = _ => CremiFile.Raw };
        var output = new Option<string>("--out") { Description = "HDF5 file to write the [3, D, H, W] float32 affinities to", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "Affinity dataset to write in --out", DefaultValueFactory = _ => CremiFile.Affinities };
        var command = new Command("baseline", "Baseline affinities without a network: the darker normalised raw intensity of each voxel pair (membranes are dark)")
        {
            input, rawDataset, output, dataset, ConfigMerge.ConfigOption,
        };
        command.SetAction(parse =>
        {
            var affinities = RawIntensityAffinities.Compute(EmVolume.ReadRaw(parse.GetValue(input)!, parse.GetValue(rawDataset)!));
            string path = parse.GetValue(output)!;
            EmFiles.WriteAffinities(path, affinities, parse.GetValue(dataset)!);
            env.Out.WriteLine($"{path}: raw-intensity affinities 3 × {affinities.Depth} × {affinities.Height} × {affinities.Width} (c × z × y × x)");
            return ExitCodes.Success;
        });
        return command;
    }
}
