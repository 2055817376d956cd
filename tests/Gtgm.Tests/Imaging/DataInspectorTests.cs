using Gtgm.Imaging;
using Gtgm.Imaging.Nifti;

namespace Gtgm.Tests.Imaging;

public class DataInspectorTests
{
    static readonly VolumeGeometry Grid = VolumeGeometry.Axial(1, 2, 5, 3, 2, 1);

    [Fact]
    public void Whole_valued_files_with_few_values_are_summarised_as_label_maps()
    {
        using var dir = new TempDir();
        string path = dir.File("few.nii");
        NiftiWriter.WriteImage(new Volume(Grid, 1, new float[] { 0, 0, 0, 5, 5, 0, 0, 7, 7, 7 }), path);
        var s = DataInspector.SummarizeFile(path);
        Assert.Equal("float32", s.DiskType);
        Assert.Equal(new IntensityRange(0, 7, 3.1), s.Intensity with { Mean = Math.Round(s.Intensity.Mean, 9) });
        Assert.Equal(new Dictionary<int, long> { [0] = 5, [5] = 2, [7] = 3 }, s.Labels);
        Assert.Null(s.Datasets);
    }

    [Fact]
    public void Fractional_or_many_valued_images_have_no_label_counts()
    {
        using var dir = new TempDir();
        NiftiWriter.WriteImage(new Volume(Grid, 1, new float[] { 0, 0.5f, 1, 1, 1, 1, 1, 1, 1, 1 }), dir.File("frac.nii"));
        var many = new Volume(VolumeGeometry.Axial(1, 1, DataInspector.MaxLabelValues + 1), 1,
            Enumerable.Range(0, DataInspector.MaxLabelValues + 1).Select(i => (float)i).ToArray());
        NiftiWriter.WriteImage(many, dir.File("many.nii.gz"));
        Assert.Null(DataInspector.SummarizeFile(dir.File("frac.nii")).Labels);
        Assert.Null(DataInspector.SummarizeFile(dir.File("many.nii.gz")).Labels);
    }

    [Fact]
    public void A_folder_of_volumes_counts_cases_and_formats()
    {
        using var dir = new TempDir();
        NiftiWriter.WriteImage(new Volume(Grid, 1, new float[10]), dir.File("a.nii.gz"));
        NiftiWriter.WriteImage(new Volume(Grid, 1, new float[10]), dir.File("b.nii"));
        VolumeIO.WriteImage(new Volume(Grid, 1, new float[10]), dir.File("c.mhd"));
        var d = DataInspector.Inspect(dir.Path).Dataset!;
        Assert.Equal(("volume folder", 3), (d.Kind, d.Cases));
        Assert.Equal(new Dictionary<VolumeFormat, int> { [VolumeFormat.Nifti] = 2, [VolumeFormat.MetaImage] = 1 }, d.Formats);
        Assert.Equal(dir.File("a.nii.gz"), d.First.Path);
    }
}
