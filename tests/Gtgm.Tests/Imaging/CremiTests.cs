using Gtgm.Imaging;
using Gtgm.Imaging.Hdf5;
using PureHDF;

namespace Gtgm.Tests.Imaging;

/// <summary>CREMI HDF5: real files (reference values from h5py 3.7.0), blocks, round trips and bad input.</summary>
public class CremiTests
{
    [SkippableFact]
    public void Fib_sem_volumes_read_with_resolution_and_neuron_ids()
    {
        string path = Path.Combine(SharedData.Require("em-fib-gala"), "train.h5");
        var raw = CremiReader.ReadRaw(path);
        Assert.Equal(new[] { 50, 100, 200 }, raw.Geometry.Shape);
        Assert.Equal(new[] { 10.0, 10.0, 10.0 }, raw.Geometry.Spacing);
        Assert.Equal("nm", raw.Geometry.Unit);
        Assert.Equal(Modality.EM, raw.Modality);
        Assert.Equal(147f, raw[0, 10, 20, 30]);
        Assert.Equal(148.221759, raw.Data.Average(v => (double)v), 6);

        var ids = CremiReader.ReadLabels(path);
        var counts = ids.Counts();
        Assert.Equal(88, counts.Count);
        Assert.Equal(87, counts.Keys.Max());
        Assert.Equal(67136, counts[0]);
        Assert.Equal(13, ids[10, 20, 30]);
        Assert.Equal("uint64", CremiReader.Describe(path, CremiFile.NeuronIds).DataType);

        var test = Path.Combine(SharedData.Require("em-fib-gala"), "test.h5");
        Assert.Equal(133, CremiReader.ReadLabels(test).Counts().Count);
    }

    [SkippableFact]
    public void Isbi_stack_has_anisotropic_resolution()
    {
        string path = Path.Combine(SharedData.Require("em-isbi2012"), "train.h5");
        var info = CremiReader.Describe(path, CremiFile.Raw);
        Assert.Equal(new[] { 30, 512, 512 }, info.Shape);
        Assert.Equal("uint8", info.DataType);
        Assert.Equal(new[] { 50.0, 4.0, 4.0 }, info.Resolution);
        var raw = CremiReader.ReadRaw(path);
        Assert.Equal(new[] { 50.0, 4.0, 4.0 }, raw.Geometry.Spacing);
        Assert.Equal(126.16321881612141, raw.Data.Average(v => (double)v), 6);
    }

    [SkippableFact]
    public void A_block_equals_the_same_region_of_the_whole_volume_and_sits_where_it_was()
    {
        string path = Path.Combine(SharedData.Require("em-fib-gala"), "train.h5");
        var whole = CremiReader.ReadRaw(path);
        var block = new VoxelBlock(5, 17, 33, 9, 20, 41);
        var part = CremiReader.ReadRaw(path, block);
        Assert.Equal(new[] { 9, 20, 41 }, part.Geometry.Shape);
        for (int z = 0; z < 9; z++)
            for (int y = 0; y < 20; y++)
                for (int x = 0; x < 41; x++)
                    Assert.Equal(whole[0, 5 + z, 17 + y, 33 + x], part[0, z, y, x]);
        Assert.Equal(new[] { 330.0, 170.0, 50.0 }, new[] { part.Geometry.Affine[3], part.Geometry.Affine[7], part.Geometry.Affine[11] });
        var ids = CremiReader.ReadLabels(path, block);
        Assert.Equal(CremiReader.ReadLabels(path)[5 + 3, 17 + 4, 33 + 5], ids[3, 4, 5]);
    }

    [SkippableFact]
    public void An_open_dataset_serves_many_blocks()
    {
        string path = Path.Combine(SharedData.Require("em-isbi2012"), "train.h5");
        using var ds = CremiDataset.Open(path, CremiFile.Raw);
        Assert.Equal(new[] { 30, 512, 512 }, ds.Shape);
        var a = ds.ReadRaw(new VoxelBlock(0, 0, 0, 2, 8, 8));
        var b = ds.ReadRaw(new VoxelBlock(1, 4, 4, 1, 4, 4));
        Assert.Equal(a[0, 1, 4, 4], b[0, 0, 0, 0]);
        Assert.Equal(a[0, 1, 7, 7], b[0, 0, 3, 3]);
        Assert.Equal(84f, ds.ReadRaw(new VoxelBlock(10, 20, 30, 1, 1, 1)).Data[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(0)]
    public void Raw_and_labels_round_trip_with_resolution_and_offset(int level)
    {
        using var dir = new TempDir();
        var affine = new double[] { 4, 0, 0, 400, 0, 4, 0, 80, 0, 0, 40, 120, 0, 0, 0, 1 };
        var geometry = new VolumeGeometry(3, 20, 30, affine, "nm");
        var raw = new Volume(geometry, 1, Enumerable.Range(0, 1800).Select(i => (float)(i % 251)).ToArray(), Modality.EM);
        var labels = new LabelVolume(geometry, Enumerable.Range(0, 1800).Select(i => i / 7).ToArray());
        string path = dir.File("c.h5");
        CremiWriter.Write(path, raw, labels, level);

        Assert.Equal(new[] { CremiFile.Raw, CremiFile.NeuronIds }.OrderBy(s => s), CremiReader.ListDatasets(path).OrderBy(s => s));
        Assert.Equal("uint8", CremiReader.Describe(path, CremiFile.Raw).DataType);
        var back = CremiReader.ReadRaw(path);
        Assert.Equal(raw.Data, back.Data);
        Assert.Equal(affine, back.Geometry.Affine);
        Assert.Equal(labels.Data, CremiReader.ReadLabels(path).Data);
    }

    [Fact]
    public void Non_integer_raw_is_written_as_float32()
    {
        using var dir = new TempDir();
        var raw = new Volume(VolumeGeometry.Axial(1, 2, 2, 30, 5, 5, "nm"), 1, new[] { 0.5f, -1, 300, 2 });
        string path = dir.File("f.h5");
        CremiWriter.Write(path, raw);
        Assert.Equal("float32", CremiReader.Describe(path, CremiFile.Raw).DataType);
        Assert.Equal(raw.Data, CremiReader.ReadRaw(path).Data);
    }

    [Fact]
    public void Deflate_levels_that_corrupt_files_are_refused_before_writing()
    {
        using var dir = new TempDir();
        var raw = new Volume(VolumeGeometry.Axial(1, 2, 2, 1, 1, 1, "nm"), 1, new float[4]);
        var e = Assert.Throws<UserInputException>(() => CremiWriter.Write(dir.File("x.h5"), raw, deflateLevel: 5));
        Assert.Contains("deflate level 5", e.Message);
        Assert.False(File.Exists(dir.File("x.h5")));
    }

    [Fact]
    public void A_missing_dataset_is_named_with_what_the_file_holds()
    {
        using var dir = new TempDir();
        string path = dir.File("raw-only.h5");
        CremiWriter.Write(path, new Volume(VolumeGeometry.Axial(1, 2, 2, 1, 1, 1, "nm"), 1, new float[4]));
        var e = Assert.Throws<UserInputException>(() => CremiReader.ReadLabels(path));
        Assert.Equal($"{path}: has no dataset 'volumes/labels/neuron_ids'; it holds 'volumes/raw'", e.Message);
    }

    [Fact]
    public void Neuron_ids_beyond_int_range_are_refused_with_their_position()
    {
        using var dir = new TempDir();
        string path = dir.File("big-ids.h5");
        var ids = new ulong[] { 1, 2, 3, 5_000_000_000 };
        new H5File { ["volumes"] = new H5Group { ["labels"] = new H5Group { ["neuron_ids"] = new H5Dataset(ids, fileDims: new ulong[] { 1, 2, 2 }) } } }.Write(path);
        var e = Assert.Throws<UserInputException>(() => CremiReader.ReadLabels(path));
        Assert.Contains("holds 5000000000 at (z=0, y=1, x=1)", e.Message);
    }

    [Fact]
    public void A_block_outside_the_volume_is_refused()
    {
        using var dir = new TempDir();
        string path = dir.File("small.h5");
        CremiWriter.Write(path, new Volume(VolumeGeometry.Axial(2, 2, 2, 1, 1, 1, "nm"), 1, new float[8]));
        var e = Assert.Throws<UserInputException>(() => CremiReader.ReadRaw(path, new VoxelBlock(1, 0, 0, 2, 2, 2)));
        Assert.Contains("does not fit", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_hdf5_is_named()
    {
        using var dir = new TempDir();
        string path = dir.File("fake.h5");
        File.WriteAllText(path, "not hdf5 at all");
        var e = Assert.Throws<UserInputException>(() => CremiReader.ReadRaw(path));
        Assert.StartsWith(path + ": not a readable HDF5 file", e.Message);
    }
}
