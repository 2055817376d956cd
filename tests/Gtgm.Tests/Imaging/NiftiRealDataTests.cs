using Gtgm.Imaging;
using Gtgm.Imaging.Nifti;

namespace Gtgm.Tests.Imaging;

/// <summary>Facts about the shared real volumes; reference values from nibabel 5.0.0 (get_fdata(dtype=float32)).</summary>
public class NiftiRealDataTests
{
    [SkippableFact]
    public void Every_hippocampus_case_reads_with_labels_on_its_grid()
    {
        string root = SharedData.Require("msd-hippocampus");
        var images = Directory.GetFiles(Path.Combine(root, "imagesTr"), "*.nii.gz").OrderBy(p => p).ToArray();
        Assert.Equal(208, images.Length);
        var diskTypes = new HashSet<NiftiDataType>();
        foreach (string imagePath in images)
        {
            string labelPath = Path.Combine(root, "labelsTr", Path.GetFileName(imagePath));
            var image = NiftiReader.ReadImage(imagePath);
            var labels = NiftiReader.ReadLabels(labelPath);
            GridCheck.RequireSameGrid(imagePath, image, labelPath, labels);
            diskTypes.Add(NiftiReader.ReadHeader(imagePath).DataType);
            // nibabel 5.0.0: x in 31..43, y in 40..59, z in 24..47 over the 208 cases.
            Assert.InRange(image.Width, 31, 43);
            Assert.InRange(image.Height, 40, 59);
            Assert.InRange(image.Depth, 24, 47);
            Assert.Equal(new[] { 1.0, 1.0, 1.0 }, image.Geometry.Spacing);
            Assert.Subset(new HashSet<int> { 0, 1, 2 }, labels.Counts().Keys.ToHashSet());
            Assert.True(image.Data.Min() >= 0, imagePath);
        }
        Assert.Equal(new HashSet<NiftiDataType> { NiftiDataType.UInt8, NiftiDataType.Float32 }, diskTypes);
    }

    [SkippableFact]
    public void Hippocampus_003_matches_nibabel()
    {
        string root = SharedData.Require("msd-hippocampus");
        var image = NiftiReader.ReadImage(Path.Combine(root, "imagesTr", "hippocampus_003.nii.gz"));
        var labels = NiftiReader.ReadLabels(Path.Combine(root, "labelsTr", "hippocampus_003.nii.gz"));
        Assert.Equal(new[] { 35, 52, 34 }, image.Geometry.Shape);
        Assert.Equal(2776.8801f, image.Data.Max());
        Assert.Equal(321.7844f, image[0, 15, 20, 10]);
        Assert.Equal(29866089.86869049, image.Data.Sum(v => (double)v), 3);
        Assert.Equal(new[] { 1.0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1 }, image.Geometry.Affine);
        Assert.Equal(new Dictionary<int, long> { [0] = 58527, [1] = 1550, [2] = 1803 }, labels.Counts());
    }

    [SkippableFact]
    public void Abdominal_ct_is_int16_hounsfield_units_at_its_spacing()
    {
        string path = Path.Combine(SharedData.Require("ct-amos0336"), "amos_0336.nii.gz");
        var header = NiftiReader.ReadHeader(path);
        Assert.Equal(NiftiDataType.Int16, header.DataType);
        var ct = NiftiReader.ReadImage(path);
        Assert.Equal(new[] { 157, 256, 256 }, ct.Geometry.Shape);
        Assert.Equal(4.0, ct.Geometry.Spacing[0], 6);
        Assert.Equal(1.586, ct.Geometry.Spacing[1], 6);
        Assert.Equal(1.586, ct.Geometry.Spacing[2], 6);
        Assert.Equal(-1024f, ct.Data.Min());
        Assert.Equal(3071f, ct.Data.Max());
        Assert.Equal(62f, ct[0, 50, 120, 100]);
        Assert.Equal(-6133817070.0, ct.Data.Sum(v => (double)v));
    }
}
