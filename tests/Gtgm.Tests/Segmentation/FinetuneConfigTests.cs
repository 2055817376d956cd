using System.CommandLine;
using Gtgm.Cli.Hosting;

namespace Gtgm.Tests.Segmentation;

public class FinetuneConfigTests
{
    [Fact]
    public void ARunsConfigJsonFeedsEveryOptionBackThroughConfig()
    {
        using var dir = new TempDir();
        string config = dir.File("config.json");
        File.WriteAllText(config, """
            {"_command": "finetune", "_gtgm_version": "0.1.0", "task": "/data/t", "encoder": "random", "encoder-arch": "resnet10",
             "width": "0.25", "label-fraction": "0.1", "seed": "3", "split-seed": "0", "steps": "500", "time-limit": "27",
             "patch": "40,64,32", "batch-size": "2", "lr": "0.003", "weight-decay": "3E-05", "foreground-fraction": "0.3333333333333333",
             "flip": "x", "precision": "bf16", "device": "cpu", "threads": "1", "validate-every": "200", "overlap": "0.5"}
            """);
        var root = CliApp.BuildRoot(new CommandEnvironment(TextWriter.Null, TextWriter.Null));
        var parse = ConfigMerge.Parse(root, new[] { "finetune", "--config", config, "--seed", "4" });
        Assert.Empty(parse.Errors);
        var command = parse.CommandResult.Command;
        T Value<T>(string name) => parse.GetValue((Option<T>)command.Options.First(o => o.Name == name))!;
        Assert.Equal("/data/t", Value<string>("--task"));
        Assert.Equal(0.25, Value<double>("--width"));
        Assert.Equal(0.1, Value<double>("--label-fraction"));
        Assert.Equal(4, Value<int>("--seed"));                // the command line wins
        Assert.Equal(500, Value<int>("--steps"));
        Assert.Equal("40,64,32", Value<string>("--patch"));
        Assert.Equal(3e-5, Value<double>("--weight-decay"), 12);
        Assert.Equal("bf16", Value<string>("--precision"));
    }
}
