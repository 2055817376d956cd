using Gtgm.Imaging;

namespace Gtgm.Tests.Connectomics;

/// <summary>Tiny label and affinity volumes written out by hand for the connectomics tests.</summary>
static class EmVolumes
{
    /// <summary>Labels of shape (1, 1, n): one row of voxels along x.</summary>
    public static LabelVolume Row(params int[] ids) => new(VolumeGeometry.Axial(1, 1, ids.Length, unit: "nm"), ids);

    /// <summary>Labels of shape (d, h, w) from values in (z, y, x) order, x fastest.</summary>
    public static LabelVolume Grid(int d, int h, int w, params int[] ids) => new(VolumeGeometry.Axial(d, h, w, unit: "nm"), ids);

    /// <summary>[3, D, H, W] affinities on <paramref name="grid"/>'s geometry, all <paramref name="fill"/>.</summary>
    public static Volume Affinities(LabelVolume grid, float fill = 0) =>
        new(grid.Geometry, 3, Enumerable.Repeat(fill, 3 * grid.Data.Length).ToArray());
}
