using Gtgm.Imaging;
using Gtgm.Text.Slicing;

namespace Gtgm.Tests.Text;

public class SliceSamplerTests
{
    [Fact]
    public void CtUsesTheSoftTissueWindow()
    {
        var window = IntensityWindow.For(SyntheticVolumes.BodyWithSphere(20));
        Assert.Equal((-160.0, 240.0), (window.Low, window.High));
        // (40 − (−160)) / 400 · 255 = 127.5 → 128; below and above the window clip.
        Assert.Equal(128, window.ToGrey(40));
        Assert.Equal(0, window.ToGrey(-1000));
        Assert.Equal(255, window.ToGrey(1000));
    }

    [Fact]
    public void MriUsesPercentilesAndEmMinMax()
    {
        var g = VolumeGeometry.Axial(1, 10, 10);
        var ramp = Enumerable.Range(0, 100).Select(i => (float)i).ToArray(); // values 0..99
        var mri = IntensityWindow.For(new Volume(g, 1, ramp, Modality.MRI));
        // 1st percentile: sorted[round(0.01·99)] = sorted[1] = 1; 99th: sorted[round(0.99·99)] = sorted[98] = 98.
        Assert.Equal((1.0, 98.0), (mri.Low, mri.High));
        var em = IntensityWindow.For(new Volume(g, 1, ramp, Modality.EM));
        Assert.Equal((0.0, 99.0), (em.Low, em.High));
    }

    [Fact]
    public void BilinearResizeUsesHalfPixelCentres()
    {
        var output = BilinearResize.Resize(new float[] { 0, 1, 2, 3 }, 2, 2, 4, 4);
        // Output (1, 1) samples (0.25, 0.25): 0.25·1 (one column right) + 0.25·2 (one row down) = 0.75.
        Assert.Equal(0.75f, output[1 * 4 + 1], 5);
        Assert.Equal(0f, output[0]);   // (−0.25, −0.25) clamps to the corner
        Assert.Equal(3f, output[15]);
        Assert.Equal(1.25f, output[1 * 4 + 2], 5); // (0.25, 0.75): 0.75·1 + 0.25·2
    }

    [Fact]
    public void RenderKeepsPlaneGeometryAndResizesSpacing()
    {
        var g = VolumeGeometry.Axial(10, 20, 30, spacingZ: 3, spacingY: 2, spacingX: 1);
        var v = new Volume(g, 1, new float[g.VoxelCount], Modality.MRI);
        var coronal = SliceSampler.Render(v, SliceAxis.Coronal, 4, new IntensityWindow(0, 1));
        Assert.Equal((10, 30), (coronal.Height, coronal.Width));
        Assert.Equal((3.0, 1.0), (coronal.RowSpacing, coronal.ColumnSpacing));
        Assert.Equal(new double[] { 0, 0, 1 }, coronal.RowDirection);
        var sagittal = SliceSampler.Render(v, SliceAxis.Sagittal, 4, new IntensityWindow(0, 1), size: 5);
        Assert.Equal((5, 5), (sagittal.Height, sagittal.Width));
        // 10 rows of 3 mm become 5 rows of 6 mm; 20 columns of 2 mm become 5 of 8 mm.
        Assert.Equal((6.0, 8.0), (sagittal.RowSpacing, sagittal.ColumnSpacing));
    }

    [Fact]
    public void SagittalSliceReadsTheRightVoxels()
    {
        var g = VolumeGeometry.Axial(2, 3, 4);
        var data = Enumerable.Range(0, 24).Select(i => (float)i).ToArray();
        var s = SliceSampler.Render(new Volume(g, 1, data, Modality.EM), SliceAxis.Sagittal, 1, new IntensityWindow(0, 255));
        // Sagittal slice x = 1: rows z, columns y; voxel (z, y, 1) has value (z·3 + y)·4 + 1.
        Assert.Equal(new byte[] { 1, 5, 9, 13, 17, 21 }, s.Pixels);
    }

    [Fact]
    public void SamplerPrefersSlicesWithContent()
    {
        // Only slices 6..13 of 20 (|z − 10| ≤ 4 intersects the sphere; the cylinder is everywhere) — use a
        // volume where content exists in slices 15..19 only.
        var g = VolumeGeometry.Axial(20, 8, 8);
        var data = new float[g.VoxelCount];
        for (int z = 15; z < 20; z++) Array.Fill(data, 100f, z * 64, 64);
        var v = new Volume(g, 1, data, Modality.EM);
        var sampler = new SliceSampler();
        for (int seed = 0; seed < 20; seed++)
            Assert.InRange(sampler.Sample(v, SliceAxis.Axial, new Random(seed)).Index, 15, 19);
    }

    [Fact]
    public void SamplerIsSeededAndAvoidsExcludedSlices()
    {
        var v = SyntheticVolumes.BodyWithSphere(20);
        var sampler = new SliceSampler();
        Assert.Equal(sampler.Sample(v, SliceAxis.Axial, new Random(3)).Index, sampler.Sample(v, SliceAxis.Axial, new Random(3)).Index);
        var used = new HashSet<int>(Enumerable.Range(0, 19));
        Assert.Equal(19, sampler.Sample(v, SliceAxis.Axial, new Random(1), exclude: used).Index);
    }

    [Fact]
    public void BlankVolumeStillGivesASlice()
    {
        var s = new SliceSampler().Sample(SyntheticVolumes.Constant(0, Modality.MRI), SliceAxis.Axial, new Random(0), size: 8);
        Assert.Equal(64, s.Pixels.Length);
    }

    [Fact]
    public void UnknownAxisIsAUserError() => Assert.Throws<UserInputException>(() => SliceAxes.Parse("oblique"));
}
