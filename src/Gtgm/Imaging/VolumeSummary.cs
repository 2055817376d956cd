using Gtgm.Imaging.Datasets;

namespace Gtgm.Imaging;

/// <summary>Minimum, maximum and mean over every voxel of every channel.</summary>
public sealed record IntensityRange(double Min, double Max, double Mean);

/// <summary>What one volume file holds, for <c>gtgm data info</c>.</summary>
/// <param name="DiskType">The voxel type as stored ("uint8", "int16", "float32", "MET_SHORT", ...).</param>
/// <param name="Labels">
/// Label value → voxel count: of the file itself when it is a label map (whole numbers, at most
/// <see cref="DataInspector.MaxLabelValues"/> distinct values), or of an HDF5 file's neuron ids; null otherwise.
/// </param>
/// <param name="Datasets">An HDF5 file's datasets; null for other formats.</param>
public sealed record VolumeSummary(
    string Path, VolumeFormat Format, string DiskType, VolumeGeometry Geometry, int Channels,
    IntensityRange Intensity, IReadOnlyDictionary<int, long>? Labels, IReadOnlyList<string>? Datasets);

/// <summary>What a folder holds: an MSD task or a pool of volumes, with its first volume summarised.</summary>
/// <param name="Kind">"MSD task" or "volume folder".</param>
/// <param name="Modalities">Channel names from dataset.json, or the modalities of the pool's files.</param>
/// <param name="LabelNames">Label value → name from dataset.json; empty for a pool.</param>
public sealed record DatasetSummary(
    string Path, string Kind, string Name, int Cases, int LabeledCases, int TestCases,
    IReadOnlyList<string> Modalities, IReadOnlyDictionary<int, string> LabelNames,
    IReadOnlyDictionary<VolumeFormat, int> Formats, VolumeSummary First);

/// <summary>Either a file's or a folder's summary.</summary>
public sealed record DataSummary(VolumeSummary? File, DatasetSummary? Dataset);
