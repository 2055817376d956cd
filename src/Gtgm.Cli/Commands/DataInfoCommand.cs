using System.CommandLine;
using System.Globalization;
using Gtgm.Cli.Hosting;
using Gtgm.Imaging;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm data info PATH`: what a volume file, MSD task or folder of volumes holds.</summary>
static class DataInfoCommand
{
    const int MaxLabelsShown = 12;

    public static Command Create(CommandEnvironment env)
    {
        var path = new Argument<string>("path") { Description = "A volume file (.nii, .nii.gz, .mhd, .h5), an MSD task folder, or a folder of volumes" };
        var command = new Command("info", "Show shape, spacing, stored type, intensity range and labels of a file or data set") { path, ConfigMerge.ConfigOption };
        command.SetAction(parse =>
        {
            var summary = DataInspector.Inspect(parse.GetValue(path)!);
            if (summary.File != null) PrintFile(env.Out, summary.File, "");
            else PrintFolder(env.Out, summary.Dataset!);
            return ExitCodes.Success;
        });
        return command;
    }

    static void PrintFolder(TextWriter o, DatasetSummary d)
    {
        o.WriteLine($"folder      {d.Path}");
        o.WriteLine($"kind        {d.Kind} \"{d.Name}\"");
        o.WriteLine($"cases       {d.Cases}" + (d.Kind == "MSD task" ? $" ({d.LabeledCases} labelled, {d.TestCases} test)" : ""));
        o.WriteLine($"formats     {string.Join(", ", d.Formats.Select(f => $"{FormatName(f.Key)} {f.Value}"))}");
        o.WriteLine($"modalities  {(d.Modalities.Count == 0 ? "not given" : string.Join(", ", d.Modalities))}");
        if (d.LabelNames.Count > 0) o.WriteLine($"label names {string.Join(", ", d.LabelNames.Select(l => $"{l.Key} {l.Value}"))}");
        o.WriteLine("first case");
        PrintFile(o, d.First, "  ");
    }

    static void PrintFile(TextWriter o, VolumeSummary s, string indent)
    {
        var g = s.Geometry;
        var sp = g.Spacing;
        var a = g.Affine;
        o.WriteLine($"{indent}file        {s.Path}");
        o.WriteLine($"{indent}format      {FormatName(s.Format)}, {s.DiskType} on disk");
        o.WriteLine($"{indent}shape       {g.Depth} × {g.Height} × {g.Width} (z × y × x), {s.Channels} channel{(s.Channels == 1 ? "" : "s")}");
        o.WriteLine($"{indent}spacing     {N(sp[0])} × {N(sp[1])} × {N(sp[2])} {g.Unit} (z × y × x)");
        o.WriteLine($"{indent}origin      ({N(a[3])}, {N(a[7])}, {N(a[11])}) {g.Unit} (RAS)");
        o.WriteLine($"{indent}intensity   min {N(s.Intensity.Min)}, max {N(s.Intensity.Max)}, mean {N(s.Intensity.Mean)}");
        if (s.Datasets != null) o.WriteLine($"{indent}datasets    {string.Join(", ", s.Datasets)}");
        if (s.Labels != null)
        {
            var shown = s.Labels.Take(MaxLabelsShown).Select(l => $"{l.Key}: {l.Value}");
            string more = s.Labels.Count > MaxLabelsShown ? $", ... ({s.Labels.Count} labels in all)" : "";
            o.WriteLine($"{indent}labels      {string.Join(", ", shown)}{more} (voxels per label)");
        }
    }

    static string FormatName(VolumeFormat format) => format switch
    {
        VolumeFormat.Nifti => "NIfTI",
        VolumeFormat.Hdf5 => "HDF5 (CREMI)",
        _ => "MetaImage",
    };

    static string N(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
