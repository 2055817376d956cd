using System.CommandLine;
using System.CommandLine.Parsing;
using Gtgm.Configuration;

namespace Gtgm.Cli.Hosting;

/// <summary>
/// <c>--config FILE</c>: options a command did not get on the command line are taken from the file, then
/// parsed by the option's own parser (so a value from a file is validated exactly like a typed one).
/// The command line always wins.
/// </summary>
public static class ConfigMerge
{
    public static readonly Option<string?> ConfigOption = new("--config")
    {
        Description = "Read options from a JSON or YAML file (e.g. a run's config.json); command-line options win",
    };

    public static ParseResult Parse(RootCommand root, string[] args)
    {
        var first = root.Parse(args);
        string? path = first.GetResult(ConfigOption) is { } r && !r.Implicit ? first.GetValue(ConfigOption) : null;
        if (path == null || first.Errors.Count > 0 && first.GetResult(ConfigOption) == null) return first;

        var command = first.CommandResult.Command;
        var values = ConfigFile.Load(path);
        var extra = new List<string>();
        foreach (var (key, items) in values)
        {
            var option = command.Options.FirstOrDefault(o => o.Name == "--" + key || o.Aliases.Contains("--" + key))
                ?? throw UserInputException.ForFile(path, $"'{key}' is not an option of 'gtgm {command.Name}'");
            if (option == ConfigOption) continue;
            if (first.GetResult(option) is { Implicit: false }) continue;
            foreach (var item in items) { extra.Add(option.Name); extra.Add(item); }
        }
        return extra.Count == 0 ? first : root.Parse(args.Concat(extra).ToArray());
    }
}
