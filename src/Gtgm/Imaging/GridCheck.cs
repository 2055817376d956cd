namespace Gtgm.Imaging;

/// <summary>Checks that a label map lies on its image's grid before the two are used together.</summary>
public static class GridCheck
{
    /// <summary>Same shape and (to 1e-3 relative) the same affine, else one error naming both files and both grids.</summary>
    public static void RequireSameGrid(string imagePath, Volume image, string labelPath, LabelVolume labels)
    {
        if (image.Geometry.SameGrid(labels.Geometry)) return;
        string why = image.Geometry.Shape.SequenceEqual(labels.Geometry.Shape) ? "same shape but a different affine" : "a different shape";
        throw UserInputException.ForFile(labelPath,
            $"labels are on a different grid from their image {imagePath} ({why}): labels {Describe(labels.Geometry)}, image {Describe(image.Geometry)}");
    }

    static string Describe(VolumeGeometry g)
    {
        var a = g.Affine;
        return $"{g}, origin ({a[3]:0.###}, {a[7]:0.###}, {a[11]:0.###})";
    }
}
