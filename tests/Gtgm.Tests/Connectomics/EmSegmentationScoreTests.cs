using Gtgm.Connectomics;
using Gtgm.Imaging;
using Gtgm.Imaging.Hdf5;

namespace Gtgm.Tests.Connectomics;

public class EmSegmentationScoreTests
{
    [Fact]
    public void Gathers_voi_arand_and_the_cremi_score_of_one_prediction()
    {
        var s = EmSegmentationScore.Compute(EmVolumes.Row(1, 1, 2, 2, 2, 2), EmVolumes.Row(1, 1, 1, 1, 2, 2));
        Assert.Equal(2.0 / 3, s.VoiSplit, 12);
        Assert.Equal(2.0 / 3, s.VoiMerge, 12);
        Assert.Equal(4.0 / 3, s.VoiSum, 12);
        Assert.Equal(0.4, s.Arand, 12);
        Assert.Equal(Math.Sqrt(4.0 / 3 * 0.4), s.CremiScore, 12);
        Assert.Equal(0, EmSegmentationScore.Compute(EmVolumes.Row(3, 3, 1), EmVolumes.Row(1, 1, 2)).CremiScore);
    }

    [Fact]
    public void A_prediction_on_another_grid_is_refused()
    {
        var truth = EmVolumes.Row(1, 1, 2);
        Assert.Throws<ArgumentException>(() => EmSegmentationScore.Compute(EmVolumes.Row(1, 1, 2, 2), truth));
        var shifted = new LabelVolume(VolumeGeometry.Axial(1, 1, 3, 1, 1, 2, "nm"), new[] { 1, 1, 2 });
        Assert.Throws<ArgumentException>(() => EmSegmentationScore.Compute(shifted, truth));
    }

    /// <summary>
    /// A prediction with splits, merges and prediction-0 voxels, scored on the real em-fib-gala test labels. Reference values
    /// computed with CREMI's formulas (cremi_python evaluation/voi.py and rand.py) in NumPy 1.24 / SciPy 1.10.
    /// </summary>
    [SkippableFact]
    public void Matches_cremis_numbers_on_real_labels()
    {
        var truth = CremiReader.ReadLabels(Path.Combine(SharedData.Require("em-fib-gala"), "test.h5"));
        Assert.Equal(new[] { 50, 100, 200 }, truth.Geometry.Shape);
        var ids = new int[truth.Data.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            int z = i / 20000, x = i % 200, t = truth.Data[i];
            ids[i] = x < 3 ? 0 : t == 0 ? 1000 + i % 5 : t / 3 * 2 + (z >= 25 ? 1 : 0);
        }
        var s = EmSegmentationScore.Compute(new LabelVolume(truth.Geometry, ids), truth);
        Assert.Equal(0.6843932079537708, s.VoiSplit, 10);
        Assert.Equal(0.6867219480827349, s.VoiMerge, 10);
        Assert.Equal(0.3064456832632213, s.Arand, 10);
    }
}
