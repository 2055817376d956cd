using Gtgm.Imaging;
using Gtgm.Imaging.Nifti;
using Gtgm.Transforms.Preprocessing;

namespace Gtgm.Segmentation.Finetuning;

/// <summary>A case read, checked and preprocessed onto the network's grid: what training and validation sample from.</summary>
public sealed record PreparedCase(string Id, Volume Image, LabelVolume Labels)
{
    /// <summary>
    /// Reads a case and checks it before any training: the image has the task's channel count, the labels lie on
    /// the image's grid and hold only the task's class indices. Each failure names the file.
    /// </summary>
    public static (Volume Image, LabelVolume Labels) ReadChecked(SegmentationCase c, Modality modality, int channels, int classes)
    {
        if (c.LabelPath == null) throw UserInputException.ForFile(c.ImagePath, "has no label map");
        var image = NiftiReader.ReadImage(c.ImagePath, modality);
        if (image.Channels != channels)
            throw UserInputException.ForFile(c.ImagePath, $"has {image.Channels} channel(s), dataset.json lists {channels} modalities");
        var labels = NiftiReader.ReadLabels(c.LabelPath);
        GridCheck.RequireSameGrid(c.ImagePath, image, c.LabelPath, labels);
        foreach (int v in labels.Data)
            if ((uint)v >= (uint)classes)
                throw UserInputException.ForFile(c.LabelPath, $"contains label {v}, but dataset.json defines classes 0..{classes - 1}");
        return (image, labels);
    }

    public static PreparedCase Prepare(SegmentationCase c, Modality modality, int channels, int classes, Preprocessor preprocessor)
    {
        var (image, labels) = ReadChecked(c, modality, channels, classes);
        var (pImage, pLabels) = preprocessor.Run(image, labels);
        return new PreparedCase(c.Id, pImage, pLabels!);
    }
}
