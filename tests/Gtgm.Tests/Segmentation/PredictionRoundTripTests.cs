using Gtgm.Imaging;
using Gtgm.Imaging.Nifti;
using Gtgm.Segmentation.Finetuning;
using Gtgm.Segmentation.Inference;
using Gtgm.Segmentation.Metrics;
using Gtgm.Transforms.Preprocessing;
using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Tests.Segmentation;

public class PredictionRoundTripTests
{
    /// <summary>A "model" that knows which class each preprocessed intensity belongs to and outputs its one-hot logits.</summary>
    sealed class IntensityLookup : nn.Module<Tensor, Tensor>
    {
        readonly float[] _values;
        readonly int[] _classes;
        readonly int _numClasses;

        public IntensityLookup(IReadOnlyDictionary<float, int> classOfValue, int numClasses) : base(nameof(IntensityLookup))
        {
            _values = classOfValue.Keys.ToArray();
            _classes = classOfValue.Values.ToArray();
            _numClasses = numClasses;
        }

        public override Tensor forward(Tensor x)
        {
            using var scope = NewDisposeScope();
            var distance = stack(_values.Select(v => (x[.., 0] - v).abs()).ToArray(), 1);  // [B, V, ...]
            var nearest = distance.argmin(1);
            var cls = tensor(_classes.Select(c => (long)c).ToArray())[nearest];
            return (20 * nn.functional.one_hot(cls, _numClasses).movedim(new long[] { -1 }, new long[] { 1 }).to(float32)).MoveToOuterDisposeScope();
        }
    }

    [Fact]
    public void PredictingTheTruthThroughTheWholePipelineScoresDiceOne()
    {
        using var dir = new TempDir();
        // A 1 mm grid stored LPS-style with permuted axes (voxel x runs along world −A, y along −R, z along +S) and
        // an off-centre origin, so reorientation, foreground cropping and padding all change the grid.
        var affine = new double[] { 0, -1, 0, 30, -1, 0, 0, 12, 0, 0, 1, -7, 0, 0, 0, 1 };
        var geometry = new VolumeGeometry(10, 13, 9, affine);
        var truth = new LabelVolume(geometry, new int[geometry.VoxelCount]);
        var image = new Volume(geometry, 1, new float[geometry.VoxelCount], Modality.MRI);
        for (int z = 1; z < 9; z++) for (int y = 2; y < 12; y++) for (int x = 1; x < 8; x++)
        {
            int label = z is >= 2 and < 5 && y is >= 3 and < 7 && x is >= 2 and < 5 ? 1 : z is >= 5 and < 8 && y is >= 7 and < 11 && x >= 4 ? 2 : 0;
            truth[z, y, x] = label;
            image[0, z, y, x] = 50 + 100 * label;
        }
        NiftiWriter.WriteImage(image, dir.File("img.nii.gz"));
        NiftiWriter.WriteLabels(truth, dir.File("lab.nii.gz"));

        var plan = ModalityPreprocessing.For(Modality.MRI) with { MinimumSize = (8, 8, 8) };
        var spec = new SegmentationModelSpec("resnet10", 1, 1, new[] { "background", "a", "b" }, Modality.MRI, plan, new[] { 8, 8, 8 }, "");
        var source = NiftiReader.ReadImage(dir.File("img.nii.gz"), Modality.MRI);
        var (pImage, pLabels) = new Preprocessor(plan).Run(source, NiftiReader.ReadLabels(dir.File("lab.nii.gz")));
        Assert.False(pImage.Geometry.SameGrid(source.Geometry));
        var classOfValue = new Dictionary<float, int>();
        for (int i = 0; i < pImage.Data.Length; i++) classOfValue[pImage.Data[i]] = pLabels!.Data[i];

        var predictor = new SegmentationPredictor(new IntensityLookup(classOfValue, 3), spec, CPU, overlap: 0.5);
        var prediction = predictor.Predict(source, "img.nii.gz");
        NiftiWriter.WriteLabels(prediction, dir.File("pred.nii.gz"));
        var written = NiftiReader.ReadLabels(dir.File("pred.nii.gz"));

        Assert.True(written.Geometry.SameGrid(source.Geometry, 1e-6));
        Assert.Equal(new[] { 1.0, 1.0 }, DiceMetric.PerClass(written, truth, 3));
        Assert.Equal(new[] { 0.0, 0.0 }, HausdorffDistance95.PerClass(written, truth, 3));
    }

    [Fact]
    public void ImagesOfAnotherChannelCountOrModalityAreRefused()
    {
        var plan = ModalityPreprocessing.For(Modality.MRI);
        var spec = new SegmentationModelSpec("resnet10", 1, 1, new[] { "background", "a" }, Modality.MRI, plan, new[] { 8, 8, 8 }, "");
        var predictor = new SegmentationPredictor(new IntensityLookup(new Dictionary<float, int> { [0] = 0 }, 2), spec, CPU);
        var g = VolumeGeometry.Axial(4, 4, 4);
        var twoChannels = new Volume(g, 2, new float[128], Modality.MRI);
        var ct = new Volume(g, 1, new float[64], Modality.CT);
        Assert.Contains("2 channel(s)", Assert.Throws<UserInputException>(() => predictor.Predict(twoChannels, "x.nii.gz")).Message);
        Assert.Contains("trained on MRI", Assert.Throws<UserInputException>(() => predictor.Predict(ct, "y.nii.gz")).Message);
    }
}
