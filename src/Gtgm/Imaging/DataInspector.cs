using Gtgm.Imaging.Datasets;
using Gtgm.Imaging.Hdf5;
using Gtgm.Imaging.MetaImage;
using Gtgm.Imaging.Nifti;

namespace Gtgm.Imaging;

/// <summary>Summarises a volume file or a data folder: geometry, stored type, intensities, labels, cases.</summary>
public static class DataInspector
{
    /// <summary>A file with whole-number voxels and at most this many distinct values is shown as a label map.</summary>
    public const int MaxLabelValues = 64;

    public static DataSummary Inspect(string path) =>
        Directory.Exists(path) ? new DataSummary(null, SummarizeFolder(path))
        : File.Exists(path) ? new DataSummary(SummarizeFile(path), null)
        : throw new FileNotFoundException($"{path}: no such file or folder", path);

    public static VolumeSummary SummarizeFile(string path)
    {
        var format = VolumeIO.FormatOf(path);
        var image = VolumeIO.ReadImage(path);
        IReadOnlyDictionary<int, long>? labels = null;
        IReadOnlyList<string>? datasets = null;
        string diskType;
        switch (format)
        {
            case VolumeFormat.Nifti:
                diskType = NiftiDataTypes.Name(NiftiReader.ReadHeader(path).DataType);
                labels = AsLabels(image);
                break;
            case VolumeFormat.MetaImage:
                diskType = MetaImageHeader.ElementTypeName(MetaImageReader.ReadHeader(path).ElementType);
                labels = AsLabels(image);
                break;
            default:
                diskType = CremiReader.Describe(path, CremiFile.Raw).DataType;
                datasets = CremiReader.ListDatasets(path);
                if (datasets.Contains(CremiFile.NeuronIds)) labels = CremiReader.ReadLabels(path).Counts();
                break;
        }
        return new VolumeSummary(Path.GetFullPath(path), format, diskType, image.Geometry, image.Channels, Range(image.Data), labels, datasets);
    }

    public static DatasetSummary SummarizeFolder(string path)
    {
        string full = Path.GetFullPath(path);
        if (MsdTask.IsTaskFolder(full))
        {
            var task = MsdTask.Load(full);
            var all = task.Training.Concat(task.Test).ToArray();
            if (all.Length == 0) throw UserInputException.ForFile(full, "its dataset.json lists no training or test cases");
            return new DatasetSummary(full, "MSD task", task.Name, all.Length, task.Training.Count(c => c.LabelPath != null), task.Test.Count,
                task.ChannelNames, task.Labels, Formats(all.Select(c => c.ImagePath)), SummarizeFile(all[0].ImagePath));
        }
        var pool = VolumePool.Scan(full);
        return new DatasetSummary(full, "volume folder", pool[0].Dataset, pool.Count, 0, 0,
            pool.Select(e => e.Modality.ToString()).Distinct().ToArray(), new Dictionary<int, string>(),
            Formats(pool.Select(e => e.Path)), SummarizeFile(pool[0].Path));
    }

    static IReadOnlyDictionary<VolumeFormat, int> Formats(IEnumerable<string> paths) =>
        paths.GroupBy(VolumeIO.FormatOf).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    static IntensityRange Range(float[] data)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        foreach (float v in data)
        {
            if (v < min) min = v;
            if (v > max) max = v;
            sum += v;
        }
        return new IntensityRange(min, max, sum / data.Length);
    }

    static IReadOnlyDictionary<int, long>? AsLabels(Volume image)
    {
        if (image.Channels != 1) return null;
        var counts = new SortedDictionary<int, long>();
        foreach (float v in image.Data)
        {
            if (v != MathF.Floor(v) || Math.Abs(v) > 1 << 24) return null;
            int label = (int)v;
            counts[label] = counts.TryGetValue(label, out long n) ? n + 1 : 1;
            if (counts.Count > MaxLabelValues) return null;
        }
        return counts;
    }
}
