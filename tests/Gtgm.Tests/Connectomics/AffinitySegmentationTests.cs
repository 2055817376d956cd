using Gtgm.Connectomics;
using Gtgm.Imaging;
using Gtgm.Imaging.Hdf5;
using Gtgm.Imaging.Phantoms;

namespace Gtgm.Tests.Connectomics;

public class AffinitySegmentationTests
{
    /// <summary>
    /// 16 neurons, each one 6-connected piece. (Other seeds leave a few stray label voxels with no labelled neighbour:
    /// no affinity reaches them, so they stay 0, and even perfect affinities cannot give those back.)
    /// </summary>
    static readonly LabelVolume Phantom = EmNeuropilPhantom.Generate((8, 40, 40), 1).Labels;

    [Fact]
    public void Perfect_affinities_of_a_phantom_give_back_its_neurons_exactly()
    {
        var segmentation = AffinitySegmentation.Segment(AffinityTargets.Compute(Phantom).Affinities);
        var score = EmSegmentationScore.Compute(segmentation, Phantom);
        Assert.Equal(16, Phantom.Counts().Count - 1);
        Assert.Equal(16, segmentation.Data.Max());
        Assert.Equal(0, score.VoiSplit, 12);
        Assert.Equal(0, score.VoiMerge, 12);
        Assert.Equal(0, score.Arand, 12);
        for (int i = 0; i < Phantom.Data.Length; i++) Assert.Equal(Phantom.Data[i] == 0, segmentation.Data[i] == 0);
    }

    [Fact]
    public void Noisy_affinities_are_oversegmented_by_the_watershed_and_merged_back_by_agglomeration()
    {
        // A predictor's view: 0.85 inside a neuron, 0.15 across a boundary or on membrane, ± 0.1 of noise.
        var affinities = AffinityTargets.Compute(Phantom).Affinities;
        var rng = new Random(7);
        for (int e = 0; e < affinities.Data.Length; e++)
            affinities.Data[e] = (affinities.Data[e] > 0 ? 0.85f : 0.15f) + (float)(rng.NextDouble() - 0.5) * 0.2f;
        var fragments = AffinityWatershed.Fragments(affinities);
        var segmentation = RegionAgglomeration.Agglomerate(fragments, affinities, 0.5);
        var before = EmSegmentationScore.Compute(fragments, Phantom);
        var after = EmSegmentationScore.Compute(segmentation, Phantom);
        Assert.True(before.VoiSplit > 1, $"watershed alone: VOI split {before.VoiSplit}");
        Assert.True(after.Arand < 0.01 && after.VoiSum < 0.1, $"after agglomeration: ARAND {after.Arand}, VOI {after.VoiSum}");
    }

    [SkippableFact]
    public void Ground_truth_affinities_of_em_fib_gala_segment_back_to_its_labels()
    {
        var truth = CremiReader.ReadLabels(Path.Combine(SharedData.Require("em-fib-gala"), "test.h5"));
        var segmentation = AffinitySegmentation.Segment(AffinityTargets.Compute(truth).Affinities);
        var score = EmSegmentationScore.Compute(segmentation, truth);
        Assert.True(score.Arand < 0.05, $"ARAND {score.Arand}");
        Assert.Equal(0, score.VoiSplit, 9);
        // 52 of its ids are single voxels with no labelled neighbour: no edge reaches them, so they stay 0 (one VOI "merge").
        Assert.True(score.VoiMerge < 0.001, $"VOI merge {score.VoiMerge}");
    }
}
