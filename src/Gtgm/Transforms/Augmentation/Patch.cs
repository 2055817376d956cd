namespace Gtgm.Transforms.Augmentation;

/// <summary>
/// A training patch: image voxels (channels, z, y, x), x fastest, and optionally its labels (z, y, x) on the same
/// grid. Spatial augmentations move both; intensity augmentations touch only the image. Patches carry no affine:
/// once cropped for training, a sample's world position no longer matters.
/// </summary>
public sealed class Patch
{
    public float[] Image { get; }
    public int[]? Labels { get; }
    public int Channels { get; }
    public int Depth { get; }
    public int Height { get; }
    public int Width { get; }

    public Patch(float[] image, int channels, int depth, int height, int width, int[]? labels = null)
    {
        long voxels = (long)depth * height * width;
        if (image.LongLength != channels * voxels)
            throw new ArgumentException($"Patch image has {image.LongLength} values; {channels}×{depth}×{height}×{width} needs {channels * voxels}.");
        if (labels != null && labels.LongLength != voxels)
            throw new ArgumentException($"Patch labels have {labels.LongLength} values; {depth}×{height}×{width} needs {voxels}.");
        Image = image; Labels = labels; Channels = channels; Depth = depth; Height = height; Width = width;
    }

    public int VoxelsPerChannel => Depth * Height * Width;

    public (int D, int H, int W) Shape => (Depth, Height, Width);

    public Span<float> Channel(int c) => Image.AsSpan(c * VoxelsPerChannel, VoxelsPerChannel);

    public Patch WithImage(float[] image) => new(image, Channels, Depth, Height, Width, Labels);

    /// <summary>The patch with its axes permuted/flipped; labels follow.</summary>
    public Patch Reordered(AxisReorder reorder)
    {
        if (reorder.IsIdentity) return this;
        var (d, h, w) = reorder.OutputShape(Depth, Height, Width);
        return new Patch(reorder.Apply<float>(Image, Channels, Depth, Height, Width), Channels, d, h, w,
            Labels == null ? null : reorder.Apply<int>(Labels, 1, Depth, Height, Width));
    }

    /// <summary>A deep copy, so two views can be perturbed independently.</summary>
    public Patch Clone() => new((float[])Image.Clone(), Channels, Depth, Height, Width, (int[]?)Labels?.Clone());
}
