using Gtgm.Cli.Hosting;
using Gtgm.Imaging;
using Gtgm.Transforms.Preprocessing;

namespace Gtgm.Tests.Cli;

public class SpacingArgumentTests
{
    [Fact]
    public void DefaultNativeAndExplicitSpacingsMapOntoThePlan()
    {
        var ct = ModalityPreprocessing.For(Modality.CT);
        Assert.Equal(new[] { 2.0, 1.5, 1.5 }, ct.WithSpacing(SpacingArgument.Parse("default")).TargetSpacing);
        Assert.Null(ct.WithSpacing(SpacingArgument.Parse("native")).TargetSpacing);
        Assert.Equal(new[] { 3.0, 0.75, 0.5 }, ct.WithSpacing(SpacingArgument.Parse("3, 0.75, 0.5")).TargetSpacing);
    }

    [Theory]
    [InlineData("1,2")]
    [InlineData("1,0,1")]
    [InlineData("fine")]
    public void ABadSpacingIsAUserError(string text)
    {
        var e = Assert.Throws<UserInputException>(() => SpacingArgument.Parse(text));
        Assert.Contains("--spacing " + text, e.Message);
    }
}
