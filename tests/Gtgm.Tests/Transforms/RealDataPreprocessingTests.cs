using Gtgm.Imaging;
using Gtgm.Imaging.Datasets;
using Gtgm.Platform;
using Gtgm.Transforms.Augmentation;
using Gtgm.Transforms.Preprocessing;

namespace Gtgm.Tests.Transforms;

/// <summary>The default chains on the real volumes in shared/data.</summary>
public class RealDataPreprocessingTests
{
    [SkippableFact]
    public void AbdominalCtIsWindowedToUnitRangeAtTheTargetSpacingInRas()
    {
        string path = Path.Combine(SharedData.Require("ct-amos0336"), "amos_0336.nii.gz");
        var raw = VolumeIO.ReadImage(path).WithModality(Modality.CT);
        var image = Preprocessor.For(Modality.CT).Run(raw);

        Assert.Equal(new[] { 2.0, 1.5, 1.5 }, image.Geometry.Spacing.Select(s => Math.Round(s, 6)));
        var a = image.Geometry.Affine;
        Assert.True(a[0] > 0 && a[5] > 0 && a[10] > 0, "RAS: each axis points along +R, +A, +S");
        Assert.All(image.Data, v => Assert.InRange(v, 0f, 1f));
        // 157 slices × 4 mm = 628 mm → 314 slices at 2 mm before the foreground crop; 256 × 1.586 mm → 271 columns.
        Assert.InRange(image.Depth, 64, 314);
        Assert.InRange(image.Width, 64, 271);
        Assert.True(image.Width < 271 || image.Height < 271, "air around the body is cropped away");
        // The preprocessed grid lies inside the original field of view.
        var centre = AxisReorderTests.World(a, (image.Width - 1) / 2.0, (image.Height - 1) / 2.0, (image.Depth - 1) / 2.0);
        var ra = raw.Geometry.Affine;
        var corner0 = AxisReorderTests.World(ra, 0, 0, 0);
        var corner1 = AxisReorderTests.World(ra, raw.Width - 1, raw.Height - 1, raw.Depth - 1);
        for (int k = 0; k < 3; k++)
            Assert.InRange(centre[k], Math.Min(corner0[k], corner1[k]), Math.Max(corner0[k], corner1[k]));

        var views = new TwoViewSampler((64, 64, 64)).Sample(image, Rng.Stream(0, "test"));
        Assert.Equal(64 * 64 * 64, views.View1.Length);
    }

    [SkippableFact]
    public void HippocampusMriIsZScoredOverNonzeroVoxelsAndKeepsItsLabels()
    {
        var task = MsdTask.Load(SharedData.Require("msd-hippocampus"));
        var c = task.Training[0];
        var raw = task.ReadImage(c);
        var rawLabels = task.ReadLabels(c, raw);
        var (image, labels) = Preprocessor.For(Modality.MRI).Run(raw, rawLabels);

        Assert.Equal(new[] { 1.0, 1.0, 1.0 }, image.Geometry.Spacing.Select(s => Math.Round(s, 6)));
        Assert.True(image.Depth >= 64 && image.Height >= 64 && image.Width >= 64);
        var nonzero = image.Data.Where(v => v != 0).Select(v => (double)v).ToArray();
        double mean = nonzero.Average(), std = Math.Sqrt(nonzero.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(std, 0.99, 1.01);
        Assert.Equal(new[] { 0, 1, 2 }, labels!.Counts().Keys);
        Assert.Equal(rawLabels.Counts()[1], labels.Counts()[1]); // 1 mm → 1 mm: nearest neighbour keeps every label voxel
        Assert.True(image.Geometry.SameGrid(labels.Geometry));
    }

    [SkippableFact]
    public void FibSemIsMinMaxScaledAtItsNativeSpacing()
    {
        string path = Path.Combine(SharedData.Require("em-fib-gala"), "train.h5");
        var raw = VolumeIO.ReadImage(path);
        var image = Preprocessor.For(Modality.EM).Run(raw);
        Assert.Equal(raw.Geometry.Spacing, image.Geometry.Spacing);
        Assert.Equal(0, image.Data.Min());
        Assert.Equal(1, image.Data.Max());
        Assert.True(image.Depth >= 16 && image.Height >= 64 && image.Width >= 64);
    }
}
