using System.CommandLine;
using Gtgm.Cli.Hosting;

namespace Gtgm.Tests.Configuration;

public class ConfigMergeTests
{
    static (RootCommand Root, Option<int> Epochs, Option<string[]> Data, Option<bool> Flip) Build()
    {
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 1 };
        var data = new Option<string[]>("--data") { AllowMultipleArgumentsPerToken = false };
        var flip = new Option<bool>("--flip");
        var cmd = new Command("train") { epochs, data, flip, ConfigMerge.ConfigOption };
        return (new RootCommand { cmd }, epochs, data, flip);
    }

    [Fact]
    public void ValuesComeFromTheFileUnlessGivenOnTheCommandLine()
    {
        using var dir = new TempDir();
        string json = dir.File("c.json");
        File.WriteAllText(json, """{"_command": "train", "epochs": 5, "data": ["a", "b"], "flip": true}""");
        var (root, epochs, data, flip) = Build();

        var fromFile = ConfigMerge.Parse(root, new[] { "train", "--config", json });
        Assert.Empty(fromFile.Errors);
        Assert.Equal(5, fromFile.GetValue(epochs));
        Assert.Equal(new[] { "a", "b" }, fromFile.GetValue(data));
        Assert.True(fromFile.GetValue(flip));

        var cliWins = ConfigMerge.Parse(root, new[] { "train", "--config", json, "--epochs", "9" });
        Assert.Equal(9, cliWins.GetValue(epochs));
        Assert.Equal(new[] { "a", "b" }, cliWins.GetValue(data));
    }

    [Fact]
    public void YamlWorksTheSame()
    {
        using var dir = new TempDir();
        string yaml = dir.File("c.yaml");
        File.WriteAllText(yaml, "epochs: 4\ndata:\n  - x\n  - y\n");
        var (root, epochs, data, _) = Build();
        var r = ConfigMerge.Parse(root, new[] { "train", "--config", yaml });
        Assert.Equal(4, r.GetValue(epochs));
        Assert.Equal(new[] { "x", "y" }, r.GetValue(data));
    }

    [Fact]
    public void AnUnknownKeyIsNamedWithTheFile()
    {
        using var dir = new TempDir();
        string json = dir.File("c.json");
        File.WriteAllText(json, """{"epoch": 5}""");
        var e = Assert.Throws<UserInputException>(() => ConfigMerge.Parse(Build().Root, new[] { "train", "--config", json }));
        Assert.Contains(json, e.Message);
        Assert.Contains("'epoch'", e.Message);
    }

    [Fact]
    public void ABadValueInTheFileIsAParseError()
    {
        using var dir = new TempDir();
        string json = dir.File("c.json");
        File.WriteAllText(json, """{"epochs": "many"}""");
        var r = ConfigMerge.Parse(Build().Root, new[] { "train", "--config", json });
        Assert.NotEmpty(r.Errors);
        Assert.Contains("many", r.Errors[0].Message);
    }
}
