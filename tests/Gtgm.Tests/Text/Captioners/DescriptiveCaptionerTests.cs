using Gtgm.Imaging;
using Gtgm.Text.Captioners.Descriptive;
using Gtgm.Text.Slicing;

namespace Gtgm.Tests.Text.Captioners;

public class DescriptiveCaptionerTests
{
    static SliceImage CentreSlice(Volume v) => SliceSampler.Render(v, SliceAxis.Axial, 10, IntensityWindow.For(v));

    [Fact]
    public void MeasuresTheDenseSphereSizeAndSide()
    {
        // Axial slice 10 cuts the sphere (radius 4) through its centre: 49 pixels of 1 mm², so the disc of equal
        // area has diameter 2·sqrt(49/π) = 7.90 mm. x increases to the patient's right in RAS.
        var right = SliceMeasurements.Measure(CentreSlice(SyntheticVolumes.BodyWithSphere(30)));
        Assert.Single(right.Bright);
        Assert.Equal(7.90, right.Bright[0].Diameter, 2);
        Assert.Equal("right", right.Bright[0].Position);
        // 200 HU is grey 229.5 → 230, which stands for 230/255·400 − 160 = 200.78 HU.
        Assert.Equal(200.78, right.Bright[0].MeanIntensity, 2);
        var left = SliceMeasurements.Measure(CentreSlice(SyntheticVolumes.BodyWithSphere(10)));
        Assert.Equal("left", left.Bright[0].Position);
        // 40·40 = 1600 pixels; the cylinder r² ≤ 225 covers 709 of them.
        Assert.Equal(709 / 1600.0, right.ContentFraction, 6);
        Assert.Equal((40.0, 40.0), (right.FieldOfViewRows, right.FieldOfViewColumns));
    }

    [Fact]
    public void CaptionStatesTheMeasurements()
    {
        string text = new DescriptiveCaptioner().Caption(CentreSlice(SyntheticVolumes.BodyWithSphere(30)), new Random(0));
        Assert.Contains("axial", text);
        Assert.Contains("40 mm x 40 mm", text);
        Assert.Contains("7.9 mm", text);
        Assert.Contains("right", text);
        Assert.Contains("hyperdense", text);
    }

    [Fact]
    public void DifferentSlicesGiveDifferentTextAndOneSeedOneText()
    {
        var captioner = new DescriptiveCaptioner();
        var v = SyntheticVolumes.BodyWithSphere(30);
        var centre = CentreSlice(v);
        var edge = SliceSampler.Render(v, SliceAxis.Axial, 2, IntensityWindow.For(v));
        Assert.Equal(captioner.Caption(centre, new Random(5)), captioner.Caption(centre, new Random(5)));
        Assert.NotEqual(captioner.Caption(centre, new Random(5)), captioner.Caption(edge, new Random(5)));
    }

    [Theory]
    [InlineData(Modality.CT, -1000f)]
    [InlineData(Modality.MRI, 0f)]
    [InlineData(Modality.EM, 7f)]
    public void BlankSliceGivesAValidCaption(Modality modality, float value)
    {
        var v = SyntheticVolumes.Constant(value, modality);
        string text = new DescriptiveCaptioner().Caption(SliceSampler.Render(v, SliceAxis.Axial, 0, IntensityWindow.For(v)), new Random(0));
        Assert.EndsWith(".", text);
        Assert.Contains("background", text);
    }

    [Fact]
    public void EmWordingAndMicrometres()
    {
        var g = VolumeGeometry.Axial(1, 64, 64, 50, 4, 4, unit: "nm");
        var data = new float[g.VoxelCount];
        var r = new Random(1);
        for (int i = 0; i < data.Length; i++) data[i] = 120 + r.Next(100);
        var v = new Volume(g, 1, data, Modality.EM);
        string text = new DescriptiveCaptioner().Caption(SliceSampler.Render(v, SliceAxis.Axial, 0, IntensityWindow.For(v)), new Random(0));
        Assert.Contains("256 nm x 256 nm", text);
        Assert.Matches("electron|em section", text);
        Assert.Contains("finely granular", text); // independent noise per pixel: variation at the pixel scale
    }
}
