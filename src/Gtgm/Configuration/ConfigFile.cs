using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Gtgm.Configuration;

/// <summary>
/// Reads a command's options from a JSON or YAML file: a flat mapping from option name (without the
/// leading dashes) to a value or a list of values. Keys starting with '_' are metadata (a run folder's
/// config.json records <c>_command</c> and <c>_gtgm_version</c>) and are not options.
/// </summary>
public static class ConfigFile
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Load(string path)
    {
        if (!File.Exists(path)) throw UserInputException.ForFile(path, "config file not found");
        string text = File.ReadAllText(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            return ext is ".yaml" or ".yml" ? FromYaml(text, path) : FromJson(text, path);
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException)
        {
            throw UserInputException.ForFile(path, $"not valid {(ext is ".yaml" or ".yml" ? "YAML" : "JSON")}: {e.Message}");
        }
    }

    static IReadOnlyDictionary<string, IReadOnlyList<string>> FromJson(string text, string path)
    {
        var root = JsonNode.Parse(text) as JsonObject ?? throw UserInputException.ForFile(path, "expected a JSON object of option names and values");
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in root)
        {
            if (key.StartsWith('_') || value is null) continue;
            result[key] = value is JsonArray array
                ? array.Select(v => Scalar(v, key, path)).ToList()
                : new[] { Scalar(value, key, path) };
        }
        return result;
    }

    static string Scalar(JsonNode? node, string key, string path) => node switch
    {
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonValue v => v.ToJsonString(),
        _ => throw UserInputException.ForFile(path, $"option '{key}' must be a value or a list of values"),
    };

    static IReadOnlyDictionary<string, IReadOnlyList<string>> FromYaml(string text, string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0) return result;
        if (stream.Documents[0].RootNode is not YamlMappingNode map)
            throw UserInputException.ForFile(path, "expected a mapping of option names and values");
        foreach (var (k, v) in map.Children)
        {
            string key = ((YamlScalarNode)k).Value ?? "";
            if (key.StartsWith('_')) continue;
            result[key] = v switch
            {
                YamlScalarNode s => new[] { s.Value ?? "" },
                YamlSequenceNode seq => seq.Children.Select(c => (c as YamlScalarNode)?.Value
                    ?? throw UserInputException.ForFile(path, $"option '{key}' must be a list of plain values")).ToList(),
                _ => throw UserInputException.ForFile(path, $"option '{key}' must be a value or a list of values"),
            };
        }
        return result;
    }
}
