using Gtgm.Imaging.Hdf5;
using Gtgm.Imaging.MetaImage;
using Gtgm.Imaging.Nifti;

namespace Gtgm.Imaging;

/// <summary>The on-disk formats a volume can come in, recognised by file name.</summary>
public enum VolumeFormat
{
    Nifti,
    MetaImage,
    Hdf5,
}

/// <summary>
/// Reads and writes volumes in any supported format, chosen by extension: NIfTI (.nii, .nii.gz), MetaImage
/// (.mhd, .mha) and CREMI HDF5 (.h5, .hdf5, .hdf: <c>volumes/raw</c> and <c>volumes/labels/neuron_ids</c>).
/// </summary>
public static class VolumeIO
{
    public const string SupportedExtensions = ".nii, .nii.gz, .mhd, .mha, .h5, .hdf5, .hdf";

    public static bool IsVolumeFile(string path) => TryFormat(path) != null;

    public static VolumeFormat? TryFormat(string path)
    {
        string name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".nii") || name.EndsWith(".nii.gz")) return VolumeFormat.Nifti;
        if (name.EndsWith(".mhd") || name.EndsWith(".mha")) return VolumeFormat.MetaImage;
        if (CremiFile.HasHdf5Extension(name)) return VolumeFormat.Hdf5;
        return null;
    }

    public static VolumeFormat FormatOf(string path) => TryFormat(path)
        ?? throw UserInputException.ForFile(path, $"not a volume file this project reads (supported: {SupportedExtensions})");

    /// <summary>An image; HDF5 files give their <c>volumes/raw</c> as an EM volume.</summary>
    public static Volume ReadImage(string path) => FormatOf(path) switch
    {
        VolumeFormat.Nifti => NiftiReader.ReadImage(path),
        VolumeFormat.MetaImage => MetaImageReader.ReadImage(path),
        _ => CremiReader.ReadRaw(path),
    };

    /// <summary>A label map; HDF5 files give their <c>volumes/labels/neuron_ids</c>.</summary>
    public static LabelVolume ReadLabels(string path) => FormatOf(path) switch
    {
        VolumeFormat.Nifti => NiftiReader.ReadLabels(path),
        VolumeFormat.MetaImage => MetaImageReader.ReadLabels(path),
        _ => CremiReader.ReadLabels(path),
    };

    public static void WriteImage(Volume volume, string path)
    {
        switch (FormatOf(path))
        {
            case VolumeFormat.Nifti: NiftiWriter.WriteImage(volume, path); break;
            case VolumeFormat.MetaImage: MetaImageWriter.WriteImage(volume, path); break;
            default: CremiWriter.Write(path, volume); break;
        }
    }

    public static void WriteLabels(LabelVolume labels, string path)
    {
        switch (FormatOf(path))
        {
            case VolumeFormat.Nifti: NiftiWriter.WriteLabels(labels, path); break;
            case VolumeFormat.MetaImage: MetaImageWriter.WriteLabels(labels, path); break;
            default: CremiWriter.WriteLabels(path, labels); break;
        }
    }
}
