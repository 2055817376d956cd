using Gtgm.Connectomics;

namespace Gtgm.Tests.Connectomics;

public class VariationOfInformationTests
{
    [Fact]
    public void Identical_segmentations_score_zero_whatever_their_ids()
    {
        var truth = EmVolumes.Row(1, 1, 2, 2, 3);
        Assert.Equal(new VoiScore(0, 0), VariationOfInformation.Compute(truth, truth));
        Assert.Equal(new VoiScore(0, 0), VariationOfInformation.Compute(EmVolumes.Row(7, 7, 4, 4, 9), truth));
    }

    [Fact]
    public void One_object_split_in_two_halves_costs_one_bit_of_split_and_no_merge()
    {
        var voi = VariationOfInformation.Compute(EmVolumes.Row(1, 1, 2, 2), EmVolumes.Row(5, 5, 5, 5));
        Assert.Equal(1.0, voi.Split, 12);
        Assert.Equal(0.0, voi.Merge, 12);
    }

    [Fact]
    public void Two_objects_merged_into_one_cost_one_bit_of_merge_and_no_split()
    {
        var voi = VariationOfInformation.Compute(EmVolumes.Row(3, 3, 3, 3), EmVolumes.Row(1, 1, 2, 2));
        Assert.Equal(0.0, voi.Split, 12);
        Assert.Equal(1.0, voi.Merge, 12);
        Assert.Equal(1.0, voi.Sum, 12);
    }

    [Fact]
    public void A_split_and_a_merge_together_match_the_hand_computed_entropies()
    {
        // Truth 1 (4 voxels) is cut 2 / 2; prediction 2 (4 voxels) holds 2 of truth 1 and 2 of truth 2.
        // split = 4/6 · 1 bit, merge = 4/6 · 1 bit.
        var voi = VariationOfInformation.Compute(EmVolumes.Row(1, 1, 2, 2, 2, 2), EmVolumes.Row(1, 1, 1, 1, 2, 2));
        Assert.Equal(2.0 / 3, voi.Split, 12);
        Assert.Equal(2.0 / 3, voi.Merge, 12);
        // Uneven: truth 1 cut 1 / 3 → H = −(¼ log₂ ¼ + ¾ log₂ ¾) bits.
        var uneven = VariationOfInformation.Compute(EmVolumes.Row(1, 2, 2, 2), EmVolumes.Row(1, 1, 1, 1));
        Assert.Equal(-(0.25 * Math.Log2(0.25) + 0.75 * Math.Log2(0.75)), uneven.Split, 12);
    }

    [Fact]
    public void Voxels_with_ground_truth_zero_are_ignored_and_prediction_zero_is_an_ordinary_id()
    {
        var truth = EmVolumes.Row(0, 0, 1, 1, 0);
        Assert.Equal(new VoiScore(0, 0), VariationOfInformation.Compute(EmVolumes.Row(4, 5, 2, 2, 6), truth));
        Assert.Equal(new VoiScore(0, 0), VariationOfInformation.Compute(EmVolumes.Row(0, 0, 0, 0, 0), truth));
        // Prediction 0 over two true objects is a merge, as in CREMI (which ignores nothing in the prediction).
        Assert.Equal(1.0, VariationOfInformation.Compute(EmVolumes.Row(0, 0, 0, 0), EmVolumes.Row(1, 1, 2, 2)).Merge, 12);
    }

    [Fact]
    public void A_truth_with_nothing_labelled_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => VariationOfInformation.Compute(EmVolumes.Row(1, 2), EmVolumes.Row(0, 0)));
        Assert.Contains("no labelled", e.Message);
    }
}
