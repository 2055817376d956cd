using Gtgm.Cli.Hosting;
using Gtgm.Imaging;

namespace Gtgm.Tests.Cli;

public class ShapeAndModalityArgumentTests
{
    [Theory]
    [InlineData("40,64,32", new[] { 40, 64, 32 })]
    [InlineData("40x64x32", new[] { 40, 64, 32 })]
    [InlineData(" 8, 16 ,24", new[] { 8, 16, 24 })]
    [InlineData("32", new[] { 32, 32, 32 })]
    public void ShapesParseAsZyx(string text, int[] expected) => Assert.Equal(expected, ShapeArgument.Parse("--patch", text));

    [Theory]
    [InlineData("1,2")]
    [InlineData("0,8,8")]
    [InlineData("-8,8,8")]
    [InlineData("8,8,big")]
    public void ABadShapeNamesTheOption(string text)
    {
        var e = Assert.Throws<UserInputException>(() => ShapeArgument.Parse("--patch", text));
        Assert.StartsWith("--patch " + text + ":", e.Message);
    }

    [Fact]
    public void ACubeCanBeRefused()
    {
        var e = Assert.Throws<UserInputException>(() => ShapeArgument.Parse("--size", "32", allowCube: false));
        Assert.DoesNotContain("cube", e.Message);
    }

    [Fact]
    public void TypedModalitiesMustBeKnown()
    {
        Assert.Equal(Modality.MRI, ModalityNames.ParseKnown("T1", "--modality"));
        Assert.Equal(Modality.Other, ModalityNames.ParseKnown("Other", "--modality"));
        var e = Assert.Throws<UserInputException>(() => ModalityNames.ParseKnown("ultrasoundish", "--modality"));
        Assert.Contains("--modality ultrasoundish", e.Message);
    }

    [Fact]
    public void PredictRefusesAnUnknownModalityInsteadOfGuessing()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("predict", "--run", dir.Path, "--input", dir.Path, "--out", dir.File("out"), "--modality", "xray-ish");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--modality xray-ish: unknown modality", r.Error);
    }
}
