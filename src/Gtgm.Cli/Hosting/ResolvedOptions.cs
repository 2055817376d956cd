using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Gtgm.Platform;

namespace Gtgm.Cli.Hosting;

/// <summary>
/// A command's options after defaults and --config were applied, as the JSON object a run folder keeps in
/// config.json. Keys are the option names without dashes, so the file can be passed back with --config.
/// </summary>
static class ResolvedOptions
{
    public static JsonObject ToJson(Command command, ParseResult parse, params Option[] skip)
    {
        var config = new JsonObject { ["_command"] = command.Name, ["_gtgm_version"] = BuildInfo.Version };
        foreach (var option in command.Options)
        {
            if (option == ConfigMerge.ConfigOption || skip.Contains(option)) continue;
            var value = parse.GetResult(option)?.GetValueOrDefault<object?>();
            if (value is null) continue;
            config[option.Name.TrimStart('-')] = value switch
            {
                string[] list => new JsonArray(list.Select(s => (JsonNode?)s).ToArray()),
                string s => s,
                int i => i,
                long l => l,
                double d => d,
                bool b => b,
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
        }
        return config;
    }
}
