using Gtgm.Imaging;

namespace Gtgm.Transforms.Preprocessing;

/// <summary>
/// Padding to a minimum size: each axis shorter than the minimum is padded on both sides (the extra voxel, if
/// the difference is odd, goes at the end, as in MONAI <c>SpatialPad(method="symmetric")</c>) with a constant:
/// 0 for normalised images, 0 (background) for labels. The origin moves so that existing voxels keep their world positions.
/// </summary>
public static class Padding
{
    public static (int Z, int Y, int X) Before(VolumeGeometry g, (int D, int H, int W) minimum) =>
        (Math.Max(0, minimum.D - g.Depth) / 2, Math.Max(0, minimum.H - g.Height) / 2, Math.Max(0, minimum.W - g.Width) / 2);

    static (int D, int H, int W) Size(VolumeGeometry g, (int D, int H, int W) minimum) =>
        (Math.Max(g.Depth, minimum.D), Math.Max(g.Height, minimum.H), Math.Max(g.Width, minimum.W));

    public static (Volume Image, LabelVolume? Labels) ToMinimum(Volume image, LabelVolume? labels, (int D, int H, int W) minimum, float fill = 0)
    {
        var size = Size(image.Geometry, minimum);
        if (size == (image.Depth, image.Height, image.Width)) return (image, labels);
        var before = Before(image.Geometry, minimum);
        var start = (-before.Z, -before.Y, -before.X);
        return (GridRegion.Crop(image, start, size, fill), labels == null ? null : GridRegion.Crop(labels, start, size));
    }
}
