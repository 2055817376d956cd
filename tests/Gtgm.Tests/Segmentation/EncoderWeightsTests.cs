using Gtgm.Segmentation.Networks;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gtgm.Tests.Segmentation;

public class EncoderWeightsTests
{
    [Fact]
    public void LoadsByNameAndShapeAndReportsTheRest()
    {
        using var dir = new TempDir();
        var tensors = new Dictionary<string, Tensor>
        {
            ["encoder.stem.weight"] = full(new long[] { 4, 1, 3, 3, 3 }, 0.5f),
            ["encoder.stage.weight"] = zeros(new long[] { 3, 3 }),                 // wrong shape
            ["encoder.extra.weight"] = zeros(new long[] { 2 }),                      // not in the encoder
            ["projection.weight"] = zeros(new long[] { 2 }),                         // not the encoder's: ignored entirely
        };
        string file = dir.File("model.safetensors");
        Safetensors.SaveStateDict(file, tensors);

        var encoder = new TinyEncoder();
        var report = EncoderWeights.Load(encoder, dir.Path);

        Assert.Equal(new[] { "stem.weight" }, report.Loaded);
        Assert.Equal(new[] { "stage.bias", "stem.bias" }, report.Missing.Order());
        Assert.Equal(new[] { "extra.weight" }, report.Unexpected);
        Assert.Single(report.ShapeMismatch);
        Assert.StartsWith("stage.weight: file [3,3]", report.ShapeMismatch[0]);
        Assert.Equal(0.5f, encoder.state_dict()["stem.weight"].mean().item<float>());
    }

    [Fact]
    public void AFileThatMatchesNothingIsAnError()
    {
        using var dir = new TempDir();
        string file = dir.File("other.safetensors");
        Safetensors.SaveStateDict(file, new Dictionary<string, Tensor> { ["conv.weight"] = zeros(new long[] { 2 }) });
        var e = Assert.Throws<UserInputException>(() => EncoderWeights.Load(new TinyEncoder(), file));
        Assert.Contains("no parameter matches", e.Message);
    }

    [Fact]
    public void AFolderWithoutWeightsIsAnError()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<UserInputException>(() => EncoderWeights.Load(new TinyEncoder(), dir.Path));
        Assert.Contains("encoder.safetensors", e.Message);
    }
}
