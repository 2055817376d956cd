using Gtgm.Imaging;
using Gtgm.Imaging.Datasets;
using Gtgm.Transforms.Preprocessing;

namespace Gtgm.Segmentation.Finetuning;

/// <summary>A case read, checked and preprocessed onto the network's grid: what training and validation sample from.</summary>
public sealed record PreparedCase(string Id, Volume Image, LabelVolume Labels)
{
    public static PreparedCase Prepare(SegmentationTask task, MsdCase c, Preprocessor preprocessor)
    {
        var (image, labels) = task.ReadChecked(c);
        var (pImage, pLabels) = preprocessor.Run(image, labels);
        return new PreparedCase(c.Id, pImage, pLabels!);
    }
}
