using Gtgm.Connectomics;

namespace Gtgm.Tests.Connectomics;

public class AdaptedRandErrorTests
{
    [Fact]
    public void Identical_segmentations_score_zero_whatever_their_ids()
    {
        var truth = EmVolumes.Row(1, 1, 2, 2, 3);
        Assert.Equal(new RandScore(0, 1, 1), AdaptedRandError.Compute(EmVolumes.Row(9, 9, 4, 4, 1), truth));
    }

    /// <summary>
    /// split: Σ n(t)² = 4² = 16, Σ n(p)² = 2² + 2² = 8, Σ n(t,p)² = 8 → precision 1, recall ½, F = ⅔.
    /// merge: the same with truth and prediction swapped → precision ½, recall 1.
    /// both: n(t1,p1) = 2, n(t1,p2) = 2, n(t2,p2) = 2 → Σ n(t)² = 16 + 4, Σ n(p)² = 4 + 16, Σ n(t,p)² = 12 → P = R = 0.6.
    /// </summary>
    [Theory]
    [InlineData("split", new[] { 1, 1, 2, 2 }, new[] { 1, 1, 1, 1 }, 1.0, 0.5, 1.0 / 3)]
    [InlineData("merge", new[] { 1, 1, 1, 1 }, new[] { 1, 1, 2, 2 }, 0.5, 1.0, 1.0 / 3)]
    [InlineData("both", new[] { 1, 1, 2, 2, 2, 2 }, new[] { 1, 1, 1, 1, 2, 2 }, 0.6, 0.6, 0.4)]
    public void Splits_and_merges_match_the_hand_computed_counts(string _, int[] prediction, int[] truth, double precision, double recall, double error)
    {
        var r = AdaptedRandError.Compute(EmVolumes.Row(prediction), EmVolumes.Row(truth));
        Assert.Equal(precision, r.Precision, 12);
        Assert.Equal(recall, r.Recall, 12);
        Assert.Equal(error, r.Error, 12);
    }

    [Fact]
    public void Ground_truth_zero_is_ignored_but_counts_in_cremis_predicted_zero_term()
    {
        var truth = EmVolumes.Row(1, 1, 1, 1);
        var withBackground = EmVolumes.Row(1, 1, 1, 1, 0, 0, 0, 0);
        Assert.Equal(1.0 / 3, AdaptedRandError.Compute(EmVolumes.Row(1, 1, 2, 2, 7, 7, 8, 8), withBackground).Error, 12);
        // Two voxels predicted 0 out of N voxels add c/N = 2/N to both sums (CREMI's rand.py):
        // N = 4: P = (4 + ½)/(4 + ½) = 1, R = 4.5/16 = 9/32, F = 18/41, error 23/41.
        Assert.Equal(23.0 / 41, AdaptedRandError.Compute(EmVolumes.Row(0, 0, 1, 1), truth).Error, 12);
        // N = 8 (four ignored voxels): R = 4.25/16, F = 2R/(1 + R) = 34/81, error 47/81.
        Assert.Equal(47.0 / 81, AdaptedRandError.Compute(EmVolumes.Row(0, 0, 1, 1, 5, 5, 5, 5), withBackground).Error, 12);
    }
}
