using Gtgm.Imaging;
using Gtgm.Imaging.Datasets;
using Gtgm.Imaging.Hdf5;
using Gtgm.Imaging.Nifti;

namespace Gtgm.Tests.Imaging;

public class DatasetTests
{
    static readonly VolumeGeometry Grid = VolumeGeometry.Axial(2, 3, 4);

    static void WriteImage(string path, int channels = 1, float value = 1) =>
        NiftiWriter.WriteImage(new Volume(Grid, channels, Enumerable.Repeat(value, 24 * channels).ToArray()), path);

    static void WriteLabels(string path) => NiftiWriter.WriteLabels(new LabelVolume(Grid, Enumerable.Range(0, 24).Select(i => i % 3).ToArray()), path);

    static string Task(TempDir dir, string json)
    {
        Directory.CreateDirectory(dir.File("imagesTr"));
        Directory.CreateDirectory(dir.File("labelsTr"));
        Directory.CreateDirectory(dir.File("imagesTs"));
        File.WriteAllText(dir.File("dataset.json"), json);
        return dir.Path;
    }

    const string BrainJson = """
        {
          "name": "Brain", "description": "two-channel test",
          "modality": { "0": "FLAIR", "1": "T1w" },
          "labels": { "0": "background", "1": "edema", "2": "tumour" },
          "training": [ { "image": "./imagesTr/brain_001.nii.gz", "label": "./labelsTr/brain_001.nii.gz" } ],
          "test": [ "./imagesTs/brain_101.nii.gz" ]
        }
        """;

    [SkippableFact]
    public void Hippocampus_task_loads_with_names_labels_and_cases()
    {
        var task = MsdTask.Load(SharedData.Require("msd-hippocampus"));
        Assert.Equal("Hippocampus", task.Name);
        Assert.Equal(new[] { "MRI" }, task.ChannelNames);
        Assert.Equal(Modality.MRI, task.Modality);
        Assert.Equal(new Dictionary<int, string> { [0] = "background", [1] = "Anterior", [2] = "Posterior" }, task.Labels);
        Assert.Equal(208, task.Training.Count);
        Assert.Empty(task.Test);
        var first = task.Training[0];
        Assert.Equal("hippocampus_001", first.Id);
        var image = task.ReadImage(first);
        Assert.Equal(Modality.MRI, image.Modality);
        Assert.Equal(new[] { 35, 51, 35 }, image.Geometry.Shape);
        Assert.Equal(new[] { 0, 1, 2 }, task.ReadLabels(first, image).Counts().Keys);
    }

    [Fact]
    public void Per_channel_files_are_found_and_stacked()
    {
        using var dir = new TempDir();
        Task(dir, BrainJson);
        WriteImage(dir.File("imagesTr/brain_001_0000.nii.gz"), value: 1);
        WriteImage(dir.File("imagesTr/brain_001_0001.nii.gz"), value: 2);
        WriteLabels(dir.File("labelsTr/brain_001.nii.gz"));
        WriteImage(dir.File("imagesTs/brain_101_0000.nii.gz"));
        WriteImage(dir.File("imagesTs/brain_101_0001.nii.gz"));

        var task = MsdTask.Load(dir.Path);
        Assert.Equal(Modality.MRI, task.Modality);
        var c = Assert.Single(task.Training);
        Assert.Equal(2, c.ChannelPaths.Count);
        Assert.Equal(dir.File("imagesTr/brain_001_0000.nii.gz"), c.ImagePath);
        var image = task.ReadImage(c);
        Assert.Equal(2, image.Channels);
        Assert.Equal(1f, image[0, 1, 2, 3]);
        Assert.Equal(2f, image[1, 1, 2, 3]);
        Assert.Null(Assert.Single(task.Test).LabelPath);
        Assert.Equal("tumour", task.Labels[2]);
    }

    [Fact]
    public void A_four_dimensional_file_gives_all_channels()
    {
        using var dir = new TempDir();
        Task(dir, BrainJson);
        WriteImage(dir.File("imagesTr/brain_001.nii.gz"), channels: 2);
        WriteLabels(dir.File("labelsTr/brain_001.nii.gz"));
        WriteImage(dir.File("imagesTs/brain_101.nii.gz"), channels: 2);
        var task = MsdTask.Load(dir.Path);
        Assert.Equal(2, task.ReadImage(task.Training[0]).Channels);
    }

    [Fact]
    public void All_missing_files_are_listed_in_one_error()
    {
        using var dir = new TempDir();
        Task(dir, BrainJson);
        WriteImage(dir.File("imagesTr/brain_001.nii.gz"));
        var e = Assert.Throws<UserInputException>(() => MsdTask.Load(dir.Path));
        Assert.Equal($"{dir.File("dataset.json")}: 2 file(s) it names are missing: ./labelsTr/brain_001.nii.gz, ./imagesTs/brain_101.nii.gz", e.Message);
    }

    [Fact]
    public void Nnunet_v2_channel_names_and_name_to_value_labels_are_read()
    {
        using var dir = new TempDir();
        Task(dir, """{ "channel_names": { "0": "CT" }, "labels": { "background": 0, "liver": 1 }, "training": [] }""");
        var task = MsdTask.Load(dir.Path);
        Assert.Equal(Modality.CT, task.Modality);
        Assert.Equal("liver", task.Labels[1]);
        Assert.Equal(Path.GetFileName(dir.Path), task.Name);
    }

    [Fact]
    public void A_folder_without_dataset_json_is_not_a_task()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<UserInputException>(() => MsdTask.Load(dir.Path));
        Assert.Contains("has no dataset.json", e.Message);
    }

    [Fact]
    public void A_folder_pool_lists_volumes_recursively_skipping_label_folders()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("sub"));
        Directory.CreateDirectory(dir.File("labelsTr"));
        WriteImage(dir.File("b.nii.gz"));
        WriteImage(dir.File("sub/a.nii"));
        WriteLabels(dir.File("labelsTr/b.nii.gz"));
        File.WriteAllText(dir.File("notes.txt"), "not a volume");
        CremiWriter.Write(dir.File("em.h5"), new Volume(VolumeGeometry.Axial(1, 2, 2, 1, 1, 1, "nm"), 1, new float[4]));

        var pool = VolumePool.Scan(dir.Path);
        string name = Path.GetFileName(dir.Path);
        Assert.Equal(new[]
        {
            new VolumeEntry(name, "b", dir.File("b.nii.gz"), Modality.Other),
            new VolumeEntry(name, "em", dir.File("em.h5"), Modality.EM),
            new VolumeEntry(name, "a", dir.File("sub/a.nii"), Modality.Other),
        }, pool);
        Assert.All(VolumePool.Scan(dir.Path, "mine", Modality.CT), e => Assert.Equal(("mine", Modality.CT), (e.Dataset, e.Modality)));
    }

    [SkippableFact]
    public void A_task_folder_pool_has_every_image_with_the_task_modality()
    {
        string root = SharedData.Require("msd-hippocampus");
        var pool = VolumePool.Scan(root);
        Assert.Equal(208, pool.Count);
        Assert.All(pool, e => Assert.Equal(("msd-hippocampus", Modality.MRI), (e.Dataset, e.Modality)));
        Assert.All(pool, e => Assert.Contains("imagesTr", e.Path));
    }

    [SkippableFact]
    public void A_single_hdf5_file_is_an_em_pool_named_after_its_folder()
    {
        string path = Path.Combine(SharedData.Require("em-fib-gala"), "train.h5");
        Assert.Equal(new[] { new VolumeEntry("em-fib-gala", "train", path, Modality.EM) }, VolumePool.Scan(path));
    }

    [Fact]
    public void An_empty_folder_is_refused()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<UserInputException>(() => VolumePool.Scan(dir.Path));
        Assert.Contains("holds no volume files", e.Message);
    }
}
