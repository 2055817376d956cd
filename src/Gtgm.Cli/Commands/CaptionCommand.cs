using System.CommandLine;
using Gtgm.Cli.Hosting;
using Gtgm.Imaging;
using Gtgm.Imaging.Datasets;
using Gtgm.Text.Blip;
using Gtgm.Text.Captioners;
using Gtgm.Text.Captions;
using Gtgm.Text.Slicing;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm caption`: caption random slices of every volume into captions.jsonl (resumable).</summary>
static class CaptionCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var data = new Option<string[]>("--data") { Description = "Volume file, MSD task folder or folder of volumes (repeatable)", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "captions.jsonl to write; volumes already in it are skipped", Required = true };
        var captioner = new Option<string>("--captioner") { Description = "descriptive (measurement-based templates, no weights) or blip:DIR", DefaultValueFactory = _ => CaptionerFactory.Descriptive };
        var perVolume = new Option<int>("--per-volume") { Description = "Captions per volume, each from a different slice", DefaultValueFactory = _ => 1 };
        var axis = new Option<string>("--axis") { Description = "Slice plane", DefaultValueFactory = _ => "axial" };
        axis.AcceptOnlyFromAmong("axial", "coronal", "sagittal");
        var seed = new Option<int>("--seed") { Description = "Seed of slice choice and phrasing", DefaultValueFactory = _ => 0 };
        var modality = new Option<string?>("--modality") { Description = "CT, MRI or EM for volumes whose folder does not say (MSD tasks and HDF5 files do)" };
        var d = new BlipDecodingOptions();
        var beams = new Option<int>("--beams") { Description = "BLIP: beam width (1 = greedy)", DefaultValueFactory = _ => d.NumBeams };
        var maxLength = new Option<int>("--max-length") { Description = "BLIP: most tokens per caption", DefaultValueFactory = _ => d.MaxLength };
        var penalty = new Option<double>("--repetition-penalty") { Description = "BLIP: penalty on repeated tokens (1 = off)", DefaultValueFactory = _ => d.RepetitionPenalty };
        var prompt = new Option<string?>("--prompt") { Description = "BLIP: text prompt the caption continues, e.g. \"a picture of\"" };

        var command = new Command("caption", "Caption random 2-D slices of each volume with a captioner, filter the text, and append to captions.jsonl");
        foreach (var o in new Option[] { data, output, captioner, perVolume, axis, seed, modality, beams, maxLength, penalty, prompt, ConfigMerge.ConfigOption })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            Modality? forced = parse.GetValue(modality) is { } m ? ModalityNames.ParseKnown(m, "--modality") : null;
            var volumes = parse.GetValue(data)!.SelectMany(p => VolumePool.Scan(p, modality: forced)).ToList();
            var decoding = new BlipDecodingOptions(parse.GetValue(maxLength), parse.GetValue(beams), parse.GetValue(penalty), Prompt: parse.GetValue(prompt));
            using var model = CaptionerFactory.Create(parse.GetValue(captioner)!, decoding);
            var options = new CaptionGenerationOptions(parse.GetValue(perVolume), SliceAxes.Parse(parse.GetValue(axis)!), parse.GetValue(seed));
            CaptionGenerationResult r;
            using (var progress = env.Progress())
                r = CaptionGenerator.Generate(CaptionSources.From(volumes), model, parse.GetValue(output)!, options, progress);
            var o = env.Out;
            o.WriteLine($"captioner    {model.Id}");
            o.WriteLine($"volumes      {r.Volumes} ({r.Skipped} already captioned)");
            o.WriteLine($"written      {r.Written} captions");
            o.WriteLine($"dropped      {r.Dropped} (empty after filtering or duplicates)" + (r.Uncaptioned > 0 ? $"; {r.Uncaptioned} volume(s) got none" : ""));
            o.WriteLine($"file         {Path.GetFullPath(r.Path)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
