using Gtgm.Imaging;
using Gtgm.Imaging.Nifti;

namespace Gtgm.Tests.Imaging;

public class NiftiRoundTripTests
{
    public static IEnumerable<object[]> Variants()
    {
        foreach (var type in NiftiTestFiles.ScalarTypes)
            foreach (bool bigEndian in new[] { false, true })
                foreach (int version in new[] { 1, 2 })
                    yield return new object[] { type, bigEndian, version, version == 1 == bigEndian ? ".nii" : ".nii.gz" };
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_datatype_byte_order_and_version_reads_back_exactly(NiftiDataType type, bool bigEndian, int version, string extension)
    {
        using var dir = new TempDir();
        var values = NiftiTestFiles.Ramp(type, 5 * 4 * 3);
        string path = NiftiTestFiles.Write(dir, "v" + extension, NiftiTestFiles.Header(5, 4, 3, type, bigEndian, version), values);

        var header = NiftiReader.ReadHeader(path);
        Assert.Equal((version, bigEndian, type), (header.Version, header.BigEndian, header.DataType));
        var image = NiftiReader.ReadImage(path);
        Assert.Equal(new[] { 3, 4, 5 }, image.Geometry.Shape);
        Assert.Equal(values.Select(v => (float)v), image.Data);
        // x is fastest on disk and in memory: element 1 is x = 1, element 5 is y = 1, element 20 is z = 1.
        Assert.Equal((float)values[1 + 5 * 2 + 20 * 1], image[0, 1, 2, 1]);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Integer_valued_files_of_every_type_read_as_labels(NiftiDataType type, bool bigEndian, int version, string extension)
    {
        using var dir = new TempDir();
        var values = NiftiTestFiles.Ramp(type, 24).Select(Math.Floor).ToArray();
        string path = NiftiTestFiles.Write(dir, "l" + extension, NiftiTestFiles.Header(4, 3, 2, type, bigEndian, version), values);
        Assert.Equal(values.Select(v => (int)v), NiftiReader.ReadLabels(path).Data);
    }

    [Theory]
    [InlineData(NiftiDataType.Int16, true)]
    [InlineData(NiftiDataType.UInt8, false)]
    [InlineData(NiftiDataType.Float64, false)]
    public void Volumes_spanning_many_conversion_chunks_read_exactly(NiftiDataType type, bool bigEndian)
    {
        using var dir = new TempDir();
        var values = Enumerable.Range(0, 100 * 90 * 40).Select(i => (double)(i % 251)).ToArray();
        string path = NiftiTestFiles.Write(dir, "big.nii.gz", NiftiTestFiles.Header(100, 90, 40, type, bigEndian), values);
        Assert.Equal(values.Select(v => (float)v), NiftiReader.ReadImage(path).Data);
        Assert.Equal(values.Select(v => (int)v), NiftiReader.ReadLabels(path).Data);
    }

    [Fact]
    public void Scl_slope_and_inter_are_applied_and_slope_zero_means_none()
    {
        using var dir = new TempDir();
        var h = NiftiTestFiles.Header(2, 2, 1, NiftiDataType.Int16);
        var values = new double[] { 0, 1, -2, 100 };
        string scaled = NiftiTestFiles.Write(dir, "s.nii", NiftiTestFiles.With(h, slope: 0.5, inter: -3), values);
        string unscaled = NiftiTestFiles.Write(dir, "u.nii", NiftiTestFiles.With(h, slope: 0, inter: 7), values);

        Assert.Equal(new float[] { -3, -2.5f, -4, 47 }, NiftiReader.ReadImage(scaled).Data);
        Assert.Equal(new float[] { 0, 1, -2, 100 }, NiftiReader.ReadImage(unscaled).Data);
        // Labels scale too: 2·v + 1 is whole for whole v.
        string labels = NiftiTestFiles.Write(dir, "l.nii", NiftiTestFiles.With(h, slope: 2, inter: 1), values);
        Assert.Equal(new[] { 1, 3, -3, 201 }, NiftiReader.ReadLabels(labels).Data);
    }

    [Fact]
    public void Fourth_dimension_becomes_channels()
    {
        using var dir = new TempDir();
        var values = Enumerable.Range(0, 3 * 2 * 2 * 2).Select(i => (double)i).ToArray();
        string path = NiftiTestFiles.Write(dir, "c.nii.gz", NiftiTestFiles.Header(3, 2, 2, NiftiDataType.Float32, channels: 2), values);
        var image = NiftiReader.ReadImage(path);
        Assert.Equal(2, image.Channels);
        Assert.Equal(new[] { 2, 2, 3 }, image.Geometry.Shape);
        Assert.Equal(12f, image[1, 0, 0, 0]);
        Assert.Equal(23f, image[1, 1, 1, 2]);
    }

    [Fact]
    public void Written_image_reads_back_with_its_data_affine_and_unit()
    {
        using var dir = new TempDir();
        var affine = new double[] { 0, -3, 0, 5, 2, 0, 0, 6, 0, 0, -4, 7, 0, 0, 0, 1 };
        var geometry = new VolumeGeometry(2, 3, 4, affine);
        var data = Enumerable.Range(0, 2 * 2 * 3 * 4).Select(i => i * 0.5f - 3).ToArray();
        string path = dir.File("w.nii.gz");
        NiftiWriter.WriteImage(new Volume(geometry, 2, data), path);

        var back = NiftiReader.ReadImage(path);
        Assert.Equal(data, back.Data);
        Assert.Equal(2, back.Channels);
        Assert.Equal(affine, back.Geometry.Affine);
        Assert.Equal("mm", back.Geometry.Unit);
        var h = NiftiReader.ReadHeader(path);
        Assert.Equal((1, 1, NiftiDataType.Float32), (h.SformCode, h.QformCode, h.DataType));
    }

    [Fact]
    public void Written_qform_alone_gives_the_same_affine()
    {
        using var dir = new TempDir();
        var affine = new double[] { 0, -3, 0, 5, 2, 0, 0, 6, 0, 0, -4, 7, 0, 0, 0, 1 };
        var h = NiftiWriter.HeaderFor(new VolumeGeometry(2, 3, 4, affine), 1, NiftiDataType.UInt8);
        var qformOnly = new NiftiHeader
        {
            DataType = h.DataType, Dim = h.Dim, PixDim = h.PixDim, VoxOffset = h.VoxOffset, QformCode = 1,
            Quatern = h.Quatern, XyztUnits = h.XyztUnits,
        };
        var computed = NiftiAffine.FromHeader(qformOnly, "test");
        for (int i = 0; i < 16; i++) Assert.Equal(affine[i], computed[i], 6);
    }

    [Theory]
    [InlineData(200, NiftiDataType.UInt8)]
    [InlineData(-5, NiftiDataType.Int16)]
    [InlineData(40000, NiftiDataType.Int32)]
    public void Labels_are_written_in_the_smallest_type_that_holds_them(int extreme, NiftiDataType expected)
    {
        using var dir = new TempDir();
        var labels = new LabelVolume(VolumeGeometry.Axial(1, 2, 2, 2, 0.5, 0.5), new[] { 0, 1, extreme, 3 });
        string path = dir.File("l.nii");
        NiftiWriter.WriteLabels(labels, path);
        Assert.Equal(expected, NiftiReader.ReadHeader(path).DataType);
        var back = NiftiReader.ReadLabels(path);
        Assert.Equal(labels.Data, back.Data);
        Assert.Equal(new[] { 2.0, 0.5, 0.5 }, back.Geometry.Spacing);
    }

    [Fact]
    public void Nanometre_grids_are_written_in_micrometres()
    {
        using var dir = new TempDir();
        var em = new Volume(VolumeGeometry.Axial(1, 1, 2, 40, 4, 4, "nm"), 1, new float[] { 1, 2 });
        string path = dir.File("em.nii");
        NiftiWriter.WriteImage(em, path);
        var back = NiftiReader.ReadImage(path);
        Assert.Equal("um", back.Geometry.Unit);
        Assert.Equal(0.004, back.Geometry.Spacing[2], 7);
        Assert.Equal(0.04, back.Geometry.Spacing[0], 7);
    }
}
