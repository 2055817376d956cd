using Gtgm.Imaging;
using Gtgm.Imaging.Datasets;

namespace Gtgm.Text.Captions;

/// <summary>A volume to caption: where it comes from and how to read it (read only when it is captioned).</summary>
/// <param name="Dataset">Dataset name; prefixed to every filtered caption.</param>
/// <param name="Volume">Volume id, unique within the dataset.</param>
/// <param name="Path">File the volume is read from (recorded as the caption's source).</param>
/// <param name="Load">Reads the volume, with its modality set.</param>
public sealed record CaptionSource(string Dataset, string Volume, string Path, Func<Volume> Load);

public static class CaptionSources
{
    /// <summary>Pool entries, read with <see cref="VolumeIO.ReadImage"/> and given the entry's modality.</summary>
    public static IReadOnlyList<CaptionSource> From(IEnumerable<VolumeEntry> entries) =>
        entries.Select(e => new CaptionSource(e.Dataset, e.Id, e.Path, () => VolumeIO.ReadImage(e.Path).WithModality(e.Modality))).ToList();
}
