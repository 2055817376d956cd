using Gtgm.Imaging;

namespace Gtgm.Transforms.Preprocessing;

/// <summary>
/// Cropping to the foreground: the bounding box of the voxels that are nonzero in any channel, grown by a margin
/// and clipped to the grid (MONAI <c>CropForeground(select_fn=x≠0, margin)</c>). Run it after intensity
/// normalisation, where air and background are exactly 0. The same box crops the labels.
/// </summary>
public static class ForegroundCrop
{
    /// <summary>First voxel and size (z, y, x) of the box; the whole grid when nothing is nonzero.</summary>
    public static ((int Z, int Y, int X) Start, (int D, int H, int W) Size) BoundingBox(Volume v, int margin = 0)
    {
        int zMin = int.MaxValue, yMin = int.MaxValue, xMin = int.MaxValue, zMax = -1, yMax = -1, xMax = -1;
        for (int c = 0; c < v.Channels; c++)
        {
            var data = v.Channel(c);
            int i = 0;
            for (int z = 0; z < v.Depth; z++)
                for (int y = 0; y < v.Height; y++, i += v.Width)
                {
                    var row = data.Slice(i, v.Width);
                    int first = row.IndexOfAnyExcept(0f);
                    if (first < 0) continue;
                    int last = row.LastIndexOfAnyExcept(0f);
                    if (z < zMin) zMin = z;
                    zMax = z;
                    if (y < yMin) yMin = y;
                    if (y > yMax) yMax = y;
                    if (first < xMin) xMin = first;
                    if (last > xMax) xMax = last;
                }
        }
        if (zMax < 0) return ((0, 0, 0), (v.Depth, v.Height, v.Width));
        zMin = Math.Max(0, zMin - margin); yMin = Math.Max(0, yMin - margin); xMin = Math.Max(0, xMin - margin);
        zMax = Math.Min(v.Depth - 1, zMax + margin); yMax = Math.Min(v.Height - 1, yMax + margin); xMax = Math.Min(v.Width - 1, xMax + margin);
        return ((zMin, yMin, xMin), (zMax - zMin + 1, yMax - yMin + 1, xMax - xMin + 1));
    }

    public static (Volume Image, LabelVolume? Labels) Apply(Volume image, LabelVolume? labels, int margin = 0)
    {
        var (start, size) = BoundingBox(image, margin);
        if (size == (image.Depth, image.Height, image.Width)) return (image, labels);
        return (GridRegion.Crop(image, start, size), labels == null ? null : GridRegion.Crop(labels, start, size));
    }
}
