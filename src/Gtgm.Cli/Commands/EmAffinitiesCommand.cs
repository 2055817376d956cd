using System.CommandLine;
using Gtgm.Cli.Hosting;
using Gtgm.Connectomics;
using Gtgm.Imaging.Hdf5;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm em affinities`: the ground-truth affinities of a neuron-id file, to check the pipeline end to end.</summary>
static class EmAffinitiesCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var labels = new Option<string>("--labels") { Description = "CREMI HDF5 file with neuron ids (0 = boundary / ignored)", Required = true };
        var labelsDataset = new Option<string>("--labels-dataset") { Description = "Neuron-id dataset in --labels", DefaultValueFactory = _ => CremiFile.NeuronIds };
        var output = new Option<string>("--out") { Description = "HDF5 file to write the [3, D, H, W] float32 affinities to", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "Affinity dataset to write in --out", DefaultValueFactory = _ => CremiFile.Affinities };
        var command = new Command("affinities", "Write the nearest-neighbour affinities (z, y, x) of a ground-truth neuron-id volume")
        {
            labels, labelsDataset, output, dataset, ConfigMerge.ConfigOption,
        };
        command.SetAction(parse =>
        {
            var ids = CremiReader.ReadLabels(parse.GetValue(labels)!, parse.GetValue(labelsDataset)!);
            var (affinities, mask) = AffinityTargets.Compute(ids);
            string path = parse.GetValue(output)!;
            EmFiles.WriteAffinities(path, affinities, parse.GetValue(dataset)!);
            long defined = mask.Data.LongCount(m => m > 0), linked = affinities.Data.LongCount(a => a > 0);
            env.Out.WriteLine($"{path}: affinities 3 × {ids.Depth} × {ids.Height} × {ids.Width} (c × z × y × x); " +
                $"{defined} of {affinities.Data.Length} edges between labelled voxels, {linked} of them within one neuron");
            return ExitCodes.Success;
        });
        return command;
    }
}
