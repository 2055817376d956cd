using Gtgm.Imaging;
using Gtgm.Text.Slicing;

namespace Gtgm.Text.Captioners.Descriptive;

/// <summary>
/// Words for where an offset from the content's centroid points. For CT and MRI the in-plane offset is
/// turned into world (RAS) coordinates with the slice's row and column directions, so "left" means the
/// patient's left (−x in RAS), "anterior" +y and "superior" +z; for EM and other images, which have no
/// anatomical frame, it is the image position ("upper right").
/// </summary>
public static class SlicePositions
{
    /// <summary>Offsets in slice units; <paramref name="peripheral"/> as in <see cref="Structure.Peripheral"/>.</summary>
    public static string Describe(SliceImage slice, double rowOffset, double columnOffset, double peripheral)
    {
        if (peripheral < 0.25) return "central";
        if (slice.Modality is Modality.CT or Modality.MRI && slice.RowDirection.Any(v => v != 0))
        {
            var world = new double[3];
            for (int k = 0; k < 3; k++) world[k] = rowOffset * slice.RowDirection[k] + columnOffset * slice.ColumnDirection[k];
            return Anatomical(world);
        }
        string vertical = Math.Abs(rowOffset) * 2 < Math.Abs(columnOffset) ? "" : rowOffset < 0 ? "upper" : "lower";
        string horizontal = Math.Abs(columnOffset) * 2 < Math.Abs(rowOffset) ? "" : columnOffset < 0 ? "left" : "right";
        return string.Join(" ", new[] { vertical, horizontal }.Where(s => s.Length > 0));
    }

    static string Anatomical(double[] world)
    {
        string[] positive = { "right", "anterior", "superior" }, negative = { "left", "posterior", "inferior" };
        double largest = world.Max(Math.Abs);
        // Name every axis carrying at least half the largest component, e.g. "left anterior".
        var words = Enumerable.Range(0, 3)
            .Where(k => Math.Abs(world[k]) >= 0.5 * largest && largest > 0)
            .Select(k => world[k] > 0 ? positive[k] : negative[k]);
        return string.Join(" ", words);
    }
}
