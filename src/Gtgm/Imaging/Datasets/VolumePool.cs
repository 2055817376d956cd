using Gtgm.Imaging.Hdf5;

namespace Gtgm.Imaging.Datasets;

/// <summary>One unlabeled volume of a pretraining pool.</summary>
public sealed record VolumeEntry(string Dataset, string Id, string Path, Modality Modality);

/// <summary>
/// An unlabeled pool of volumes: a single file, an MSD task folder (every training and test image, with the
/// task's modality), or any folder of volume files (searched recursively, skipping <c>labels*</c> folders).
/// Nothing is read but names: volumes are loaded later, when needed.
/// </summary>
public static class VolumePool
{
    /// <param name="path">A volume file or a folder.</param>
    /// <param name="datasetName">Name for the entries; defaults to the folder's name (a file's parent folder).</param>
    /// <param name="modality">
    /// The modality of every entry. When null: the MSD task's, EM for HDF5 files, otherwise
    /// <see cref="Modality.Other"/> (callers that need one should ask the user).
    /// </param>
    public static IReadOnlyList<VolumeEntry> Scan(string path, string? datasetName = null, Modality? modality = null)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            if (!VolumeIO.IsVolumeFile(full)) VolumeIO.FormatOf(full);
            string name = datasetName ?? System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(full))!;
            return new[] { Entry(name, full, modality) };
        }
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"{path}: no such file or folder");
        string dataset = datasetName ?? System.IO.Path.GetFileName(full.TrimEnd(System.IO.Path.DirectorySeparatorChar));

        if (MsdTask.IsTaskFolder(full))
        {
            var task = MsdTask.Load(full);
            return task.Training.Concat(task.Test)
                .Select(c => new VolumeEntry(dataset, c.Id, c.ImagePath, modality ?? task.Modality))
                .ToArray();
        }
        var entries = VolumeFiles(full).Select(f => Entry(dataset, f, modality)).ToArray();
        if (entries.Length == 0)
            throw UserInputException.ForFile(path, $"holds no volume files ({VolumeIO.SupportedExtensions})");
        return entries;
    }

    static VolumeEntry Entry(string dataset, string file, Modality? modality) =>
        new(dataset, MsdTask.CaseId(file), file, modality ?? (CremiFile.HasHdf5Extension(file) ? Modality.EM : Modality.Other));

    static IEnumerable<string> VolumeFiles(string folder)
    {
        var files = Directory.EnumerateFiles(folder).Where(VolumeIO.IsVolumeFile);
        var nested = Directory.EnumerateDirectories(folder)
            .Where(d => !System.IO.Path.GetFileName(d).StartsWith("labels", StringComparison.OrdinalIgnoreCase))
            .SelectMany(VolumeFiles);
        return files.Concat(nested).OrderBy(f => f, StringComparer.Ordinal);
    }
}
