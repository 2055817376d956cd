using System.CommandLine;
using Gtgm.Cli.Hosting;
using Gtgm.Imaging.Phantoms;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm data phantoms`: write a phantom dataset (MSD task for CT/MRI, CREMI HDF5 files for EM).</summary>
static class DataPhantomsCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var outOption = new Option<string>("--out") { Description = "Folder to write the dataset into", Required = true };
        var kindOption = new Option<string>("--kind") { Description = "Phantom kind: ct (abdomen), mri (brain) or em (neuropil)", DefaultValueFactory = _ => "ct" };
        kindOption.AcceptOnlyFromAmong("ct", "mri", "em");
        var countOption = new Option<int>("--count") { Description = "Number of volumes", DefaultValueFactory = _ => 4 };
        var sizeOption = new Option<string>("--size") { Description = "Volume shape Z,Y,X in voxels (default 64,128,128; EM 32,256,256)" };
        var seedOption = new Option<int>("--seed") { Description = "Random seed; the same seed writes the same dataset", DefaultValueFactory = _ => 0 };
        var command = new Command("phantoms", "Generate seeded CT/MRI/EM phantom volumes with labels (no download needed)")
        {
            outOption, kindOption, countOption, sizeOption, seedOption, ConfigMerge.ConfigOption,
        };
        command.SetAction(parse =>
        {
            var kind = parse.GetValue(kindOption) switch { "mri" => PhantomKind.MRI, "em" => PhantomKind.EM, _ => PhantomKind.CT };
            var size = ParseSize(parse.GetValue(sizeOption), kind);
            string folder = parse.GetValue(outOption)!;
            using var progress = env.Progress();
            var result = PhantomDatasetWriter.Write(folder, kind, parse.GetValue(countOption), size, parse.GetValue(seedOption), progress);
            env.Out.WriteLine($"wrote {result.Files.Count} {kind} phantom volume(s) of {size.D}x{size.H}x{size.W} to {Path.GetFullPath(folder)}"
                + (kind == PhantomKind.EM ? " (CREMI HDF5)" : " (MSD task: dataset.json, imagesTr, labelsTr)"));
            return ExitCodes.Success;
        });
        return command;
    }

    static (int D, int H, int W) ParseSize(string? text, PhantomKind kind)
    {
        if (string.IsNullOrWhiteSpace(text)) return kind == PhantomKind.EM ? (32, 256, 256) : (64, 128, 128);
        var size = ShapeArgument.Parse("--size", text, allowCube: false);
        return (size[0], size[1], size[2]);
    }
}
