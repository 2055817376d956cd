using Gtgm.Imaging;
using Gtgm.Imaging.Datasets;

namespace Gtgm.Segmentation.Finetuning;

/// <summary>
/// An MSD task (<see cref="MsdTask"/>: dataset.json, files checked to exist) as segmentation needs it: at least one
/// input channel, one normalisation for all channels, classes numbered 0..K−1 with 0 the background, at least
/// one training pair, and test labels picked up from <c>labelsTs/&lt;case&gt;.nii.gz</c> where present.
/// </summary>
public sealed record SegmentationTask(MsdTask Source, IReadOnlyList<string> ClassNames, IReadOnlyList<MsdCase> Test)
{
    public Modality Modality => Source.Modality;
    public int Channels => Source.ChannelNames.Count;
    public IReadOnlyList<MsdCase> Training => Source.Training;

    public static SegmentationTask Load(string folder)
    {
        var msd = MsdTask.Load(folder);
        string json = Path.Combine(msd.Folder, MsdTask.DescriptorFile);
        if (msd.ChannelNames.Count == 0) throw UserInputException.ForFile(json, "lists no input channel under 'modality'");
        if (msd.ChannelNames.Select(ModalityNames.Parse).Distinct().Count() > 1)
            throw UserInputException.ForFile(json, $"mixes modalities ({string.Join(", ", msd.ChannelNames)}); one normalisation per task is supported");
        int classes = msd.Labels.Count == 0 ? 0 : msd.Labels.Keys.Max() + 1;
        if (classes < 2 || Enumerable.Range(0, classes).Any(c => !msd.Labels.ContainsKey(c)))
            throw UserInputException.ForFile(json, "'labels' must number the classes 0..K-1, 0 the background, with at least one foreground class");
        if (msd.Training.Count == 0) throw UserInputException.ForFile(json, "'training' lists no cases");
        var test = msd.Test.Select(c => TestLabels(msd.Folder, c) is { } label ? c with { LabelPath = label } : c).ToList();
        return new SegmentationTask(msd, Enumerable.Range(0, classes).Select(c => msd.Labels[c]).ToList(), test);
    }

    static string? TestLabels(string folder, MsdCase c) =>
        new[] { ".nii.gz", ".nii" }.Select(ext => Path.Combine(folder, "labelsTs", c.Id + ext)).FirstOrDefault(File.Exists);

    /// <summary>
    /// Reads a labelled case and checks it before use: the image has the task's channel count, the labels lie
    /// on the image's grid and hold only the task's class indices. Each failure names the file.
    /// </summary>
    public (Volume Image, LabelVolume Labels) ReadChecked(MsdCase c)
    {
        var image = Source.ReadImage(c);
        if (image.Channels != Channels)
            throw UserInputException.ForFile(c.ImagePath, $"has {image.Channels} channel(s), dataset.json lists {Channels} modalities");
        var labels = Source.ReadLabels(c, image);
        foreach (int v in labels.Data)
            if ((uint)v >= (uint)ClassNames.Count)
                throw UserInputException.ForFile(c.LabelPath!, $"contains label {v}, but dataset.json defines classes 0..{ClassNames.Count - 1}");
        return (image, labels);
    }
}
