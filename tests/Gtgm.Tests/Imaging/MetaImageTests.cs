using System.IO.Compression;
using Gtgm.Imaging;
using Gtgm.Imaging.MetaImage;
using Gtgm.Imaging.Nifti;

namespace Gtgm.Tests.Imaging;

public class MetaImageTests
{
    static string WriteMhd(TempDir dir, string name, string extraHeader, byte[] payload, string dataFile)
    {
        File.WriteAllBytes(dir.File(dataFile), payload);
        string path = dir.File(name);
        File.WriteAllText(path, "ObjectType = Image\nNDims = 3\n" + extraHeader + $"ElementDataFile = {dataFile}\n");
        return path;
    }

    [Fact]
    public void Lps_direction_rows_spacing_and_offset_become_a_ras_affine()
    {
        // Axis 0 points along LPS +y (RAS −y), axis 1 along LPS −x (RAS +x); spacing (2, 3, 4); LPS offset (10, 20, 30).
        // By hand: RAS columns (0, −2, 0), (3, 0, 0), (0, 0, 4); RAS origin (−10, −20, 30).
        using var dir = new TempDir();
        string path = WriteMhd(dir, "a.mhd",
            "TransformMatrix = 0 1 0 -1 0 0 0 0 1\nOffset = 10 20 30\nElementSpacing = 2 3 4\nDimSize = 2 1 1\nElementType = MET_UCHAR\n",
            new byte[] { 7, 9 }, "a.raw");
        var image = MetaImageReader.ReadImage(path);
        Assert.Equal(new double[] { 0, 3, 0, -10, -2, 0, 0, -20, 0, 0, 4, 30, 0, 0, 0, 1 }, image.Geometry.Affine);
        Assert.Equal(new float[] { 7, 9 }, image.Data);
    }

    [Fact]
    public void Big_endian_zlib_compressed_shorts_read()
    {
        using var dir = new TempDir();
        var raw = new byte[] { 0xFF, 0xFE, 0x01, 0x00, 0x00, 0x05, 0x7F, 0xFF };   // −2, 256, 5, 32767 big-endian
        using var memory = new MemoryStream();
        using (var z = new ZLibStream(memory, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
        string path = WriteMhd(dir, "b.mhd",
            "BinaryDataByteOrderMSB = True\nCompressedData = True\nDimSize = 2 2 1\nElementType = MET_SHORT\n", memory.ToArray(), "b.zraw");
        Assert.Equal(new float[] { -2, 256, 5, 32767 }, MetaImageReader.ReadImage(path).Data);
        Assert.Equal(new[] { -2, 256, 5, 32767 }, MetaImageReader.ReadLabels(path).Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Written_images_and_labels_read_back_with_their_affine(bool compress)
    {
        using var dir = new TempDir();
        var affine = new double[] { 0, -3, 0, 5, 2, 0, 0, 6, 0, 0, -4, 7, 0, 0, 0, 1 };
        var g = new VolumeGeometry(2, 3, 4, affine);
        var image = new Volume(g, 1, Enumerable.Range(0, 24).Select(i => i * 1.5f - 4).ToArray());
        var labels = new LabelVolume(g, Enumerable.Range(0, 24).Select(i => i % 3 == 0 ? 1000 : 0).ToArray());
        MetaImageWriter.WriteImage(image, dir.File("i.mhd"), compress);
        MetaImageWriter.WriteLabels(labels, dir.File("l.mhd"), compress);
        Assert.True(File.Exists(dir.File(compress ? "i.zraw" : "i.raw")));

        var back = MetaImageReader.ReadImage(dir.File("i.mhd"));
        Assert.Equal(image.Data, back.Data);
        Assert.Equal(affine, back.Geometry.Affine);
        Assert.Equal(NiftiDataType.Int16, MetaImageReader.ReadHeader(dir.File("l.mhd")).ElementType);
        Assert.Equal(labels.Data, MetaImageReader.ReadLabels(dir.File("l.mhd")).Data);
    }

    public static IEnumerable<object[]> ElementTypes() =>
        MetaImageHeader.ElementTypes.SelectMany(t => new[] { false, true }.Select(be => new object[] { t.Key, be }));

    [Theory]
    [MemberData(nameof(ElementTypes))]
    public void Every_element_type_reads_in_either_byte_order(string elementType, bool bigEndian)
    {
        using var dir = new TempDir();
        var type = MetaImageHeader.ElementTypes[elementType];
        var values = NiftiTestFiles.Ramp(type, 12).Select(Math.Floor).ToArray();
        string path = WriteMhd(dir, "t.mhd", $"BinaryDataByteOrderMSB = {bigEndian}\nDimSize = 3 2 2\nElementType = {elementType}\n",
            NiftiTestFiles.Encode(values, type, bigEndian), "t.raw");
        Assert.Equal(values.Select(v => (float)v), MetaImageReader.ReadImage(path).Data);
        Assert.Equal(values.Select(v => (int)v), MetaImageReader.ReadLabels(path).Data);
    }

    [Fact]
    public void Interleaved_channels_become_planar()
    {
        using var dir = new TempDir();
        string path = WriteMhd(dir, "c.mhd", "DimSize = 2 1 1\nElementNumberOfChannels = 2\nElementType = MET_UCHAR\n", new byte[] { 1, 10, 2, 20 }, "c.raw");
        var image = MetaImageReader.ReadImage(path);
        Assert.Equal(2, image.Channels);
        Assert.Equal(new float[] { 1, 2, 10, 20 }, image.Data);
    }

    [Fact]
    public void A_data_file_shorter_than_the_header_says_is_named()
    {
        using var dir = new TempDir();
        string path = WriteMhd(dir, "s.mhd", "DimSize = 2 2 2\nElementType = MET_SHORT\n", new byte[10], "s.raw");
        var e = Assert.Throws<UserInputException>(() => MetaImageReader.ReadImage(path));
        Assert.Equal($"{path}: DimSize 2×2×2 of MET_SHORT needs 16 bytes, but {dir.File("s.raw")} holds 10: the header does not match the data", e.Message);
    }

    [Fact]
    public void Unsupported_element_types_and_missing_data_files_are_named()
    {
        using var dir = new TempDir();
        string path = WriteMhd(dir, "u.mhd", "DimSize = 1 1 1\nElementType = MET_FLOAT_ARRAY\n", new byte[4], "u.raw");
        Assert.Contains("unsupported ElementType MET_FLOAT_ARRAY", Assert.Throws<UserInputException>(() => MetaImageReader.ReadImage(path)).Message);
        File.WriteAllText(path, "NDims = 3\nDimSize = 1 1 1\nElementType = MET_UCHAR\nElementDataFile = gone.raw\n");
        Assert.Contains("does not exist", Assert.Throws<UserInputException>(() => MetaImageReader.ReadImage(path)).Message);
    }
}
