namespace Gtgm.Imaging;

/// <summary>Checks that a label map lies on its image's grid before the two are used together.</summary>
public static class GridCheck
{
    /// <summary>Same shape and (to 1e-3 relative) the same affine, else one error naming both files and both grids.</summary>
    public static void RequireSameGrid(string imagePath, Volume image, string labelPath, LabelVolume labels) =>
        Require(labelPath, labels.Geometry, "labels are", "labels", imagePath, image.Geometry, "their image", "image");

    /// <summary>The same check for a predicted segmentation scored against its ground truth; the error names the prediction's file.</summary>
    public static void RequireSameGridAsTruth(string truthPath, LabelVolume truth, string predictionPath, LabelVolume prediction) =>
        Require(predictionPath, prediction.Geometry, "prediction is", "prediction", truthPath, truth.Geometry, "the truth", "truth");

    static void Require(string path, VolumeGeometry grid, string subject, string name, string referencePath, VolumeGeometry reference,
        string referenceSubject, string referenceName)
    {
        if (reference.SameGrid(grid)) return;
        string why = reference.Shape.SequenceEqual(grid.Shape) ? "same shape but a different affine" : "a different shape";
        throw UserInputException.ForFile(path,
            $"{subject} on a different grid from {referenceSubject} {referencePath} ({why}): {name} {Describe(grid)}, {referenceName} {Describe(reference)}");
    }

    static string Describe(VolumeGeometry g)
    {
        var a = g.Affine;
        return $"{g}, origin ({a[3]:0.###}, {a[7]:0.###}, {a[11]:0.###})";
    }
}
