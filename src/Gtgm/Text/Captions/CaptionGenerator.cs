using Gtgm.Platform;
using Gtgm.Reporting;
using Gtgm.Text.Captioners;
using Gtgm.Text.Slicing;

namespace Gtgm.Text.Captions;

/// <summary>
/// Writes <c>captions.jsonl</c> for a list of volumes: GTGM's synthetic reports. For each volume it samples
/// slices, captions them, filters the text (<see cref="CaptionFilter"/>) and drops corpus-wide duplicates.
/// Resumable: volumes that already have a record in the file are skipped, and each volume's records are
/// appended as whole lines at once, so an interrupted run loses at most the volume in progress.
/// Random choices come from streams named after the volume, so a volume's captions do not depend on which
/// other volumes are in the run or on whether it was resumed.
/// </summary>
public static class CaptionGenerator
{
    public static CaptionGenerationResult Generate(IReadOnlyList<CaptionSource> sources, ICaptioner captioner, string outputPath,
        CaptionGenerationOptions options, IProgress<ProgressUpdate>? progress = null)
    {
        options.Validate();
        progress ??= Progress.None;
        var filter = new CaptionFilter(options.Filter);
        var existing = File.Exists(outputPath) ? CaptionFile.Read(outputPath) : Array.Empty<CaptionRecord>();
        var done = existing.Select(r => (r.Dataset, r.Volume)).ToHashSet();
        var dedup = new CaptionDeduplicator(existing.Select(r => r.Text));
        var sampler = new SliceSampler();
        int skipped = 0, written = 0, dropped = 0, uncaptioned = 0, finished = 0;

        foreach (var source in sources)
        {
            if (done.Contains((source.Dataset, source.Volume))) { skipped++; }
            else
            {
                var records = CaptionVolume(source, captioner, sampler, filter, dedup, options, ref dropped);
                if (records.Count == 0) uncaptioned++;
                CaptionFile.Append(outputPath, records);
                written += records.Count;
                done.Add((source.Dataset, source.Volume));
            }
            progress.Report(new ProgressUpdate("caption", ++finished, sources.Count, "volume", $"{written} captions"));
        }
        return new CaptionGenerationResult(outputPath, sources.Count, skipped, written, dropped, uncaptioned);
    }

    static List<CaptionRecord> CaptionVolume(CaptionSource source, ICaptioner captioner, SliceSampler sampler, CaptionFilter filter,
        CaptionDeduplicator dedup, CaptionGenerationOptions options, ref int dropped)
    {
        var volume = source.Load();
        string key = source.Dataset + "/" + source.Volume;
        var sliceRandom = Rng.Stream(options.Seed, "caption-slice:" + key);
        var phraseRandom = Rng.Stream(options.Seed, "caption-phrase:" + key);
        var window = IntensityWindow.For(volume);
        var used = new HashSet<int>();
        var records = new List<CaptionRecord>();
        int attempts = 0, budget = options.PerVolume * options.AttemptsPerCaption;
        while (records.Count < options.PerVolume && attempts < budget)
        {
            int wanted = Math.Min(options.PerVolume - records.Count, budget - attempts);
            var slices = new List<SliceImage>();
            for (int i = 0; i < wanted; i++)
            {
                var slice = sampler.Sample(volume, options.Axis, sliceRandom, captioner.InputSize, used, window);
                used.Add(slice.Index);
                slices.Add(slice);
            }
            attempts += wanted;
            var captions = captioner.Caption(slices, phraseRandom);
            for (int i = 0; i < slices.Count; i++)
            {
                string? text = filter.Filter(captions[i], source.Dataset);
                if (text is null || !dedup.Accept(text)) { dropped++; continue; }
                records.Add(new CaptionRecord
                {
                    Dataset = source.Dataset, Volume = source.Volume, Source = source.Path, Axis = options.Axis.Name(),
                    Slice = slices[i].Index, Raw = captions[i], Text = text, Captioner = captioner.Id,
                });
            }
        }
        return records;
    }
}
