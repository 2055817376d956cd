using Gtgm.Imaging;
using Gtgm.Transforms;
using Gtgm.Transforms.Preprocessing;

namespace Gtgm.Tests.Transforms;

public class PreprocessingTests
{
    static float[] Index(int n) => Enumerable.Range(0, n).Select(i => (float)i).ToArray();

    [Fact]
    public void LpsVolumeIsFlippedInXAndYToRas()
    {
        var g = new VolumeGeometry(2, 2, 2, new double[] { -1, 0, 0, 5, 0, -1, 0, 6, 0, 0, 2, 0, 0, 0, 0, 1 });
        var v = Orientation.ToRas(new Volume(g, 1, Index(8)));
        Assert.Equal(new float[] { 3, 2, 1, 0, 7, 6, 5, 4 }, v.Data);
        Assert.Equal(new double[] { 1, 0, 0, 4, 0, 1, 0, 5, 0, 0, 2, 0, 0, 0, 0, 1 }, v.Geometry.Affine);
        var labels = Orientation.ToRas(new LabelVolume(g, new[] { 0, 1, 2, 3, 4, 5, 6, 7 }));
        Assert.Equal(new[] { 3, 2, 1, 0, 7, 6, 5, 4 }, labels.Data);
    }

    [Fact]
    public void PermutedAxesAreSwappedToRas()
    {
        // Voxel x runs along world S, y along A, z along R.
        var g = new VolumeGeometry(2, 3, 4, new double[] { 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1 });
        var v = Orientation.ToRas(new Volume(g, 1, Index(24)));
        Assert.Equal((4, 3, 2), (v.Depth, v.Height, v.Width));
        Assert.Equal(new double[] { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 }, v.Geometry.Affine);
        // out[z=1, y=2, x=1] = in[z=1, y=2, x=1] = (1·3 + 2)·4 + 1.
        Assert.Equal(21, v[0, 1, 2, 1]);
        // out[z=3, y=0, x=1] = in[z=1, y=0, x=3] = 12 + 3.
        Assert.Equal(15, v[0, 3, 0, 1]);
    }

    [Fact]
    public void RasVolumeIsReturnedUnchanged()
    {
        var v = new Volume(VolumeGeometry.Axial(2, 2, 2), 1, Index(8));
        Assert.Same(v, Orientation.ToRas(v));
    }

    [Fact]
    public void DownsamplingALinearRampIsExactAndKeepsTheGridCentre()
    {
        // v = 2x + 3 on 6 columns at 1 mm; at 2 mm: 3 columns sampling x = 0.5, 2.5, 4.5.
        var g = VolumeGeometry.Axial(1, 1, 6);
        var v = new Volume(g, 1, Enumerable.Range(0, 6).Select(x => 2f * x + 3).ToArray());
        var r = Resampling.ToSpacing(v, new[] { 1.0, 1.0, 2.0 });
        Assert.Equal(new float[] { 4, 8, 12 }, r.Data);
        Assert.Equal(2, r.Geometry.Affine[0]);
        Assert.Equal(0.5, r.Geometry.Affine[3], 12);
        Assert.Equal(new[] { 1.0, 1.0, 2.0 }, r.Geometry.Spacing);
    }

    [Fact]
    public void UpsamplingInZInterpolatesLinearlyAndRepeatsTheEdge()
    {
        // v = z on 3 slices at 2 mm; at 1 mm: 6 slices sampling z = −0.25 (edge), 0.25, 0.75, 1.25, 1.75, 2.25 (edge).
        var v = new Volume(VolumeGeometry.Axial(3, 1, 1, spacingZ: 2), 1, new float[] { 0, 1, 2 });
        var r = Resampling.ToSpacing(v, new[] { 1.0, 1.0, 1.0 });
        Assert.Equal(new float[] { 0, 0.25f, 0.75f, 1.25f, 1.75f, 2 }, r.Data);
        Assert.Equal(-0.25 * 2, r.Geometry.Affine[11], 12);
    }

    [Fact]
    public void LabelsAreResampledByNearestNeighbour()
    {
        var labels = new LabelVolume(VolumeGeometry.Axial(1, 1, 6), new[] { 0, 1, 2, 3, 4, 5 });
        var r = Resampling.ToSpacing(labels, new[] { 1.0, 1.0, 2.0 });
        Assert.Equal(new[] { 1, 3, 5 }, r.Data);
    }

    [Fact]
    public void ResamplingRejectsNonPositiveSpacing() =>
        Assert.Throws<ArgumentException>(() => Resampling.ToSpacing(new Volume(VolumeGeometry.Axial(1, 1, 2), 1, new float[2]), new[] { 1.0, 0, 1 }));

    [Fact]
    public void CtWindowClipsAndScalesToUnitRange()
    {
        var v = new Volume(VolumeGeometry.Axial(1, 1, 5), 1, new float[] { -1000, -175, 37.5f, 250, 3000 });
        Assert.Equal(new float[] { 0, 0, 0.5f, 1, 1 }, IntensityNormalization.CtWindow(v).Data);
    }

    [Fact]
    public void ZScoreUsesOnlyNonzeroVoxelsPerChannel()
    {
        // Channel 0: nonzero 1, 2, 3 → mean 2, population σ = √(2/3). Channel 1: nonzero 4, 8 → mean 6, σ 2.
        var v = new Volume(VolumeGeometry.Axial(1, 2, 3), 2, new float[] { 0, 1, 2, 3, 0, 0, 4, 0, 8, 0, 0, 0 });
        var z = IntensityNormalization.ZScoreNonzero(v).Data;
        float s = (float)(1 / Math.Sqrt(2.0 / 3));
        var expected = new[] { 0, -s, 0, s, 0, 0, -1, 0, 1, 0, 0, 0 };
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], z[i], 5);
    }

    [Fact]
    public void MinMaxMapsEachChannelToUnitRange()
    {
        var v = new Volume(VolumeGeometry.Axial(1, 1, 4), 1, new float[] { 2, 4, 6, 10 });
        Assert.Equal(new float[] { 0, 0.25f, 0.5f, 1 }, IntensityNormalization.MinMax(v).Data);
    }

    [Fact]
    public void ForegroundCropFindsTheNonzeroBoxWithMarginAndCropsLabelsAlike()
    {
        var g = VolumeGeometry.Axial(5, 6, 7, 3, 2, 1);
        var v = new Volume(g, 1, new float[210]);
        v[0, 1, 2, 3] = 1;
        v[0, 3, 4, 4] = 2;
        var labels = new LabelVolume(g, new int[210]);
        labels[1, 2, 3] = 7;
        Assert.Equal(((1, 2, 3), (3, 3, 2)), ForegroundCrop.BoundingBox(v));
        var (image, lab) = ForegroundCrop.Apply(v, labels, margin: 1);
        Assert.Equal((5, 5, 4), (image.Depth, image.Height, image.Width)); // z 0..4, y 1..5, x 2..5
        Assert.Equal(1, image[0, 1, 1, 1]);
        Assert.Equal(7, lab![1, 1, 1]);
        Assert.Equal(new[] { 2.0, 2.0, 0.0 }, new[] { image.Geometry.Affine[3], image.Geometry.Affine[7], image.Geometry.Affine[11] });
        Assert.True(image.Geometry.SameGrid(lab.Geometry));
    }

    [Fact]
    public void PaddingCentresTheVolumeAndShiftsTheOrigin()
    {
        var g = VolumeGeometry.Axial(2, 3, 4, 2, 1, 1);
        var v = new Volume(g, 1, Enumerable.Range(1, 24).Select(i => (float)i).ToArray());
        var (padded, _) = Padding.ToMinimum(v, null, (5, 4, 4));
        // z: 3 extra → 1 before, 2 after; y: 1 extra → 0 before, 1 after.
        Assert.Equal((5, 4, 4), (padded.Depth, padded.Height, padded.Width));
        Assert.Equal(1, padded[0, 1, 0, 0]);
        Assert.Equal(0, padded[0, 0, 0, 0]);
        Assert.Equal(0, padded[0, 1, 3, 0]);
        Assert.Equal(-2, padded.Geometry.Affine[11]);
    }

    [Fact]
    public void CtChainReorientsResamplesWindowsCropsAndPads()
    {
        // 40 × 40 × 40 at 1 mm, LPS, HU: air around a 20³ soft-tissue cube (40 HU) with a 4³ lesion label.
        var g = new VolumeGeometry(40, 40, 40, new double[] { -1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 });
        var data = new float[64000];
        var labelData = new int[64000];
        Array.Fill(data, -1000);
        for (int z = 10; z < 30; z++)
            for (int y = 10; y < 30; y++)
                for (int x = 10; x < 30; x++)
                {
                    data[(z * 40 + y) * 40 + x] = 40;
                    if (z >= 18 && z < 22 && y >= 18 && y < 22 && x >= 18 && x < 22) labelData[(z * 40 + y) * 40 + x] = 1;
                }
        var plan = ModalityPreprocessing.For(Modality.CT) with { MinimumSize = (16, 24, 24) };
        var (image, labels) = new Preprocessor(plan).Run(new Volume(g, 1, data, Modality.CT), new LabelVolume(g, labelData));
        Assert.Equal(new[] { 2.0, 1.5, 1.5 }, image.Geometry.Spacing.Select(s => Math.Round(s, 9)));
        Assert.True(image.Geometry.Affine[0] > 0 && image.Geometry.Affine[5] > 0 && image.Geometry.Affine[10] > 0);
        Assert.True(image.Data.All(v => v >= 0 && v <= 1));
        Assert.True(image.Depth >= 16 && image.Height >= 24 && image.Width >= 24);
        Assert.True(image.Depth < 20 && image.Height < 27, $"cropped to the cube: {image.Geometry}");
        Assert.True(image.Geometry.SameGrid(labels!.Geometry));
        Assert.Contains(1, labels.Data);
        Assert.Equal(Modality.CT, image.Modality);
    }
}
