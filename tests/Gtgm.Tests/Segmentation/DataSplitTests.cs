using Gtgm.Segmentation.Finetuning;

namespace Gtgm.Tests.Segmentation;

public class DataSplitTests
{
    static readonly string[] Ids = Enumerable.Range(0, 50).Select(i => $"case_{i:000}").ToArray();

    [Fact]
    public void EightyTwentyDisjointAndReproducible()
    {
        var a = DataSplit.Make(Ids, 0, 1.0);
        Assert.Equal(40, a.Train.Count);
        Assert.Equal(10, a.Validation.Count);
        Assert.Empty(a.Train.Intersect(a.Validation));
        Assert.Equal(a.Train, DataSplit.Make(Ids.Reverse().ToArray(), 0, 1.0).Train);
        Assert.NotEqual(a.Validation, DataSplit.Make(Ids, 1, 1.0).Validation);
    }

    [Fact]
    public void LabelFractionsAreNestedAndNeverEmpty()
    {
        var full = DataSplit.Make(Ids, 0, 1.0);
        var tenth = DataSplit.Make(Ids, 0, 0.1);
        var hundredth = DataSplit.Make(Ids, 0, 0.01);
        Assert.Equal(4, tenth.Train.Count);
        Assert.Single(hundredth.Train);
        Assert.Equal(full.Validation, tenth.Validation);
        Assert.Equal(full.Train.Take(4), tenth.Train);
        Assert.Equal(tenth.Train.Take(1), hundredth.Train);
        Assert.Equal(36, tenth.UnlabelledTrain.Count);
    }

    [Fact]
    public void SavesAndLoads()
    {
        using var dir = new TempDir();
        var split = DataSplit.Make(Ids, 3, 0.1);
        split.Save(dir.File("splits.json"));
        var loaded = DataSplit.Load(dir.File("splits.json"));
        Assert.Equal(split.Train, loaded.Train);
        Assert.Equal(split.Validation, loaded.Validation);
        Assert.Equal(split.UnlabelledTrain, loaded.UnlabelledTrain);
    }

    [Fact]
    public void BadFractionsAreUserErrors()
    {
        Assert.Throws<UserInputException>(() => DataSplit.Make(Ids, 0, 0));
        Assert.Throws<UserInputException>(() => DataSplit.Make(Ids, 0, 1.5));
        Assert.Throws<UserInputException>(() => DataSplit.Make(new[] { "one" }, 0, 1));
    }
}
