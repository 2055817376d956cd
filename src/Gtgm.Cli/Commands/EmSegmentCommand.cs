using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Gtgm.Cli.Hosting;
using Gtgm.Connectomics;
using Gtgm.Imaging;
using Gtgm.Imaging.Hdf5;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm em segment`: neuron ids from affinities (watershed, then mean-affinity agglomeration).</summary>
static class EmSegmentCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var affinities = new Option<string>("--affinities") { Description = "HDF5 file with [3, D, H, W] affinities (channels z, y, x)", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "Affinity dataset in --affinities", DefaultValueFactory = _ => CremiFile.Affinities };
        var output = new Option<string>("--out") { Description = "HDF5 file to write volumes/labels/neuron_ids (uint64) to", Required = true };
        var threshold = new Option<double>("--threshold") { Description = "Merge regions while the mean affinity on their boundary is at least this", DefaultValueFactory = _ => 0.5 };
        var low = new Option<float>("--low") { Description = "Watershed: affinities below this are never followed", DefaultValueFactory = _ => AffinityWatershed.DefaultLow };
        var high = new Option<float>("--high") { Description = "Watershed: affinities at or above this always join their voxels", DefaultValueFactory = _ => AffinityWatershed.DefaultHigh };
        var command = new Command("segment", "Segment neurons from affinities: watershed fragments, merged by mean affinity; writes CREMI neuron ids")
        {
            affinities, dataset, output, threshold, low, high, ConfigMerge.ConfigOption,
        };
        command.SetAction(parse =>
        {
            var options = new AffinitySegmentationOptions(parse.GetValue(threshold), parse.GetValue(low), parse.GetValue(high));
            if (!double.IsFinite(options.Threshold)) throw new UserInputException($"--threshold must be a number; got {options.Threshold}");
            if (!(options.Low >= 0 && options.Low <= options.High && options.High <= 1))
                throw new UserInputException($"--low and --high must satisfy 0 <= low <= high <= 1; got {options.Low} and {options.High}");
            var clock = Stopwatch.StartNew();
            var volume = EmFiles.ReadAffinities(parse.GetValue(affinities)!, parse.GetValue(dataset)!);
            LabelVolume segmentation;
            using (var progress = env.Progress())
                segmentation = AffinitySegmentation.Segment(volume, options, progress);
            string path = parse.GetValue(output)!;
            CremiWriter.WriteLabels(path, segmentation);
            env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {segmentation.Data.Max()} segments, {segmentation.Depth} × {segmentation.Height} × {segmentation.Width} (z × y × x), {clock.Elapsed.TotalSeconds:0.00} s"));
            return ExitCodes.Success;
        });
        return command;
    }
}
