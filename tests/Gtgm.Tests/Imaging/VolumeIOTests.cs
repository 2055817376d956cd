using Gtgm.Imaging;

namespace Gtgm.Tests.Imaging;

public class VolumeIOTests
{
    [Theory]
    [InlineData("v.nii")]
    [InlineData("v.nii.gz")]
    [InlineData("v.mhd")]
    [InlineData("v.mha")]
    [InlineData("v.h5")]
    [InlineData("V.HDF5")]
    public void Images_and_labels_round_trip_through_every_format(string name)
    {
        using var dir = new TempDir();
        bool em = name.ToLowerInvariant().Contains(".h");
        var g = VolumeGeometry.Axial(2, 3, 4, 40, 4, 4, em ? "nm" : "mm");
        var image = new Volume(g, 1, Enumerable.Range(0, 24).Select(i => (float)(i * 3)).ToArray());
        var labels = new LabelVolume(g, Enumerable.Range(0, 24).Select(i => i % 4).ToArray());
        string imagePath = dir.File("img-" + name), labelPath = dir.File("lab-" + name);

        Assert.True(VolumeIO.IsVolumeFile(imagePath));
        VolumeIO.WriteImage(image, imagePath);
        VolumeIO.WriteLabels(labels, labelPath);
        var imageBack = VolumeIO.ReadImage(imagePath);
        var labelsBack = VolumeIO.ReadLabels(labelPath);
        Assert.Equal(image.Data, imageBack.Data);
        Assert.Equal(labels.Data, labelsBack.Data);
        Assert.True(imageBack.Geometry.SameGrid(g, 1e-6), imageBack.Geometry.ToString());
        GridCheck.RequireSameGrid(imagePath, imageBack, labelPath, labelsBack);
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("scan.dcm")]
    [InlineData("archive.gz")]
    public void Other_files_are_not_volumes(string name)
    {
        Assert.False(VolumeIO.IsVolumeFile(name));
        var e = Assert.Throws<UserInputException>(() => VolumeIO.ReadImage(name));
        Assert.StartsWith(name + ": not a volume file", e.Message);
    }
}
