namespace Gtgm.Imaging.Datasets;

/// <summary>
/// One case of a Medical Segmentation Decathlon task. <see cref="ImagePath"/> is the image file (a 4-D file for
/// multi-channel tasks in the original layout), or the first channel's file in nnU-Net's per-channel layout
/// (<c>case_0000.nii.gz</c>, <c>case_0001.nii.gz</c>, ...), where <see cref="ChannelPaths"/> lists them all.
/// </summary>
public sealed record MsdCase(string Id, string ImagePath, string? LabelPath)
{
    public IReadOnlyList<string> ChannelPaths { get; init; } = new[] { ImagePath };
}
