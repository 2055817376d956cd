using Gtgm.Imaging;
using Gtgm.Imaging.Nifti;

namespace Gtgm.Tests.Cli;

public class DataInfoCommandTests
{
    [Fact]
    public void A_label_file_shows_shape_spacing_type_and_label_counts()
    {
        using var dir = new TempDir();
        string path = dir.File("seg.nii.gz");
        var labels = new LabelVolume(VolumeGeometry.Axial(2, 3, 4, 2.5, 0.5, 0.75), Enumerable.Range(0, 24).Select(i => i < 20 ? 0 : 3).ToArray());
        NiftiWriter.WriteLabels(labels, path);

        var r = CliRunner.Run("data", "info", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("format      NIfTI, uint8 on disk", r.Out);
        Assert.Contains("shape       2 × 3 × 4 (z × y × x), 1 channel", r.Out);
        Assert.Contains("spacing     2.5 × 0.5 × 0.75 mm (z × y × x)", r.Out);
        Assert.Contains("intensity   min 0, max 3, mean 0.5", r.Out);
        Assert.Contains("labels      0: 20, 3: 4 (voxels per label)", r.Out);
    }

    [SkippableFact]
    public void An_msd_folder_shows_cases_modalities_and_label_names()
    {
        var r = CliRunner.Run("data", "info", SharedData.Require("msd-hippocampus"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("kind        MSD task \"Hippocampus\"", r.Out);
        Assert.Contains("cases       208 (208 labelled, 0 test)", r.Out);
        Assert.Contains("modalities  MRI", r.Out);
        Assert.Contains("label names 0 background, 1 Anterior, 2 Posterior", r.Out);
    }

    [SkippableFact]
    public void An_em_file_shows_nanometre_resolution_and_its_datasets()
    {
        var r = CliRunner.Run("data", "info", Path.Combine(SharedData.Require("em-fib-gala"), "train.h5"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("spacing     10 × 10 × 10 nm (z × y × x)", r.Out);
        Assert.Contains("datasets    volumes/labels/neuron_ids, volumes/raw", r.Out);
        Assert.Contains("(88 labels in all)", r.Out);
    }

    [Fact]
    public void A_broken_file_gives_one_line_naming_it_and_exit_code_one()
    {
        using var dir = new TempDir();
        string path = dir.File("broken.nii");
        File.WriteAllBytes(path, new byte[100]);
        var r = CliRunner.Run("data", "info", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"gtgm: error: {path}: too short for a NIfTI header (100 bytes; a NIfTI-1 header alone is 348)", r.Error.Trim());
    }
}
