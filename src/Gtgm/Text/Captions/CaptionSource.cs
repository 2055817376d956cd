using Gtgm.Imaging;

namespace Gtgm.Text.Captions;

/// <summary>A volume to caption: where it comes from and how to read it (read only when it is captioned).</summary>
/// <param name="Dataset">Dataset name; prefixed to every filtered caption.</param>
/// <param name="Volume">Volume id, unique within the dataset.</param>
/// <param name="Path">File the volume is read from (recorded as the caption's source).</param>
/// <param name="Load">Reads the volume, with its modality set.</param>
public sealed record CaptionSource(string Dataset, string Volume, string Path, Func<Volume> Load);
