using System.IO.Compression;
using Gtgm.Imaging;
using Gtgm.Imaging.Nifti;

namespace Gtgm.Tests.Imaging;

public class NiftiBadInputTests
{
    static string WriteInts(TempDir dir, string name, int x, int y, int z, int count, NiftiDataType type = NiftiDataType.Int16)
    {
        var header = NiftiTestFiles.Header(x, y, z, type);
        string path = dir.File(name);
        var bytes = header.Encode().Concat(NiftiTestFiles.Encode(Enumerable.Range(0, count).Select(i => (double)i).ToArray(), type, false)).ToArray();
        WriteMaybeGzip(path, bytes);
        return path;
    }

    static void WriteMaybeGzip(string path, byte[] bytes)
    {
        using var file = File.Create(path);
        using Stream s = path.EndsWith(".gz") ? new GZipStream(file, CompressionLevel.Fastest) : file;
        s.Write(bytes);
    }

    static UserInputException Fails(Action read, string path, string fragment)
    {
        var e = Assert.Throws<UserInputException>(read);
        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains(fragment, e.Message);
        return e;
    }

    [Fact]
    public void Truncated_gzip_is_reported_as_truncated()
    {
        using var dir = new TempDir();
        // 432 KB of voxels: the truncation falls after several whole conversion chunks.
        string whole = WriteInts(dir, "whole.nii.gz", 60, 60, 60, 216000);
        var bytes = File.ReadAllBytes(whole);
        string cut = dir.File("cut.nii.gz");
        File.WriteAllBytes(cut, bytes.AsSpan(0, bytes.Length * 2 / 3).ToArray());
        Fails(() => NiftiReader.ReadImage(cut), cut, "truncated");
        NiftiReader.ReadImage(whole);
    }

    [Fact]
    public void Wrong_magic_is_named()
    {
        using var dir = new TempDir();
        string path = WriteInts(dir, "m.nii", 2, 2, 2, 8);
        var bytes = File.ReadAllBytes(path);
        "XYZ\0"u8.CopyTo(bytes.AsSpan(344));
        File.WriteAllBytes(path, bytes);
        Fails(() => NiftiReader.ReadImage(path), path, "wrong NIfTI magic \"XYZ\"");
    }

    [Fact]
    public void Not_a_nifti_file_at_all()
    {
        using var dir = new TempDir();
        string path = dir.File("text.nii");
        File.WriteAllText(path, new string('a', 400));
        Fails(() => NiftiReader.ReadImage(path), path, "not a NIfTI file");
    }

    [Theory]
    [InlineData("short.nii", 7)]
    [InlineData("short.nii.gz", 7)]
    [InlineData("long.nii", 9)]
    [InlineData("long.nii.gz", 9)]
    public void Header_dimensions_that_do_not_match_the_data_are_named(string name, int voxels)
    {
        using var dir = new TempDir();
        string path = WriteInts(dir, name, 2, 2, 2, voxels);
        Fails(() => NiftiReader.ReadImage(path), path, "header does not match the data");
    }

    [Theory]
    [InlineData(NiftiDataType.Complex64, "complex64")]
    [InlineData(NiftiDataType.Rgb24, "RGB24")]
    [InlineData(NiftiDataType.Float128, "float128")]
    public void Unsupported_datatypes_are_refused(NiftiDataType type, string name)
    {
        using var dir = new TempDir();
        string path = WriteInts(dir, "c.nii", 2, 2, 2, 8);
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes((short)type).CopyTo(bytes, 70);
        File.WriteAllBytes(path, bytes);
        Fails(() => NiftiReader.ReadImage(path), path, $"unsupported NIfTI datatype {name}");
    }

    [Fact]
    public void NaN_and_infinite_voxels_are_counted_and_located()
    {
        using var dir = new TempDir();
        var values = Enumerable.Repeat(1.0, 3 * 2 * 2).ToArray();
        values[1 + 3 * 1 + 6 * 1] = double.NaN;   // x=1, y=1, z=1
        values[11] = double.PositiveInfinity;
        string path = NiftiTestFiles.Write(dir, "nan.nii.gz", NiftiTestFiles.Header(3, 2, 2, NiftiDataType.Float32), values);
        Fails(() => NiftiReader.ReadImage(path), path, "2 voxel(s) are NaN or infinite (first at (x=1, y=1, z=1))");
    }

    [Fact]
    public void Float64_values_beyond_float32_range_count_as_infinite()
    {
        using var dir = new TempDir();
        string path = NiftiTestFiles.Write(dir, "big.nii", NiftiTestFiles.Header(2, 1, 1, NiftiDataType.Float64), new[] { 1.0, 1e300 });
        Fails(() => NiftiReader.ReadImage(path), path, "1 voxel(s) are NaN or infinite (first at (x=1, y=0, z=0))");
    }

    [Fact]
    public void Labels_must_be_whole_numbers()
    {
        using var dir = new TempDir();
        string path = NiftiTestFiles.Write(dir, "frac.nii", NiftiTestFiles.Header(2, 2, 1, NiftiDataType.Float32), new[] { 0, 1, 2.5, 1 });
        Fails(() => NiftiReader.ReadLabels(path), path, "not a label map: voxel (x=0, y=1, z=0) holds 2.5");
    }

    [Fact]
    public void A_bad_label_late_in_a_large_file_is_found_after_several_chunks()
    {
        using var dir = new TempDir();
        var values = new double[100 * 100 * 10];
        values[^3] = 0.5;
        string path = NiftiTestFiles.Write(dir, "late.nii.gz", NiftiTestFiles.Header(100, 100, 10, NiftiDataType.Float32), values);
        Fails(() => NiftiReader.ReadLabels(path), path, "not a label map: voxel (x=97, y=99, z=9) holds 0.5");
    }

    [Fact]
    public void Labels_beyond_int_range_are_refused()
    {
        using var dir = new TempDir();
        string path = NiftiTestFiles.Write(dir, "big.nii", NiftiTestFiles.Header(2, 1, 1, NiftiDataType.UInt32), new[] { 1.0, 3e9 });
        Fails(() => NiftiReader.ReadLabels(path), path, "holds 3000000000");
    }

    [Fact]
    public void Image_and_labels_on_different_grids_are_refused_naming_both()
    {
        var image = new Volume(VolumeGeometry.Axial(2, 2, 2), 1, new float[8]);
        var shifted = new LabelVolume(new VolumeGeometry(2, 2, 2, new double[] { 1, 0, 0, 5, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 }), new int[8]);
        var smaller = new LabelVolume(VolumeGeometry.Axial(2, 2, 1), new int[4]);
        GridCheck.RequireSameGrid("img.nii.gz", image, "lab.nii.gz", new LabelVolume(VolumeGeometry.Axial(2, 2, 2), new int[8]));
        var e = Fails(() => GridCheck.RequireSameGrid("img.nii.gz", image, "lab.nii.gz", shifted), "lab.nii.gz", "different affine");
        Assert.Contains("img.nii.gz", e.Message);
        Fails(() => GridCheck.RequireSameGrid("img.nii.gz", image, "lab.nii.gz", smaller), "lab.nii.gz", "different shape");
    }

    [Fact]
    public void Missing_file_is_a_file_not_found()
    {
        using var dir = new TempDir();
        Assert.Throws<FileNotFoundException>(() => NiftiReader.ReadImage(dir.File("absent.nii.gz")));
    }
}
