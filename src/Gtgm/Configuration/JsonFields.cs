using System.Text.Json;

namespace Gtgm.Configuration;

/// <summary>
/// Typed reads of optional fields of a model's <c>config.json</c> (BERT, BLIP): an absent or null key takes the
/// fallback, a wrongly typed value throws a <see cref="UserInputException"/> naming the file and key.
/// </summary>
static class JsonFields
{
    public static int Int(JsonElement json, string key, int fallback, string source)
    {
        if (!json.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return fallback;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i)) return i;
        throw UserInputException.ForFile(source, $"'{key}' must be an integer (is {v.GetRawText()})");
    }

    public static double Num(JsonElement json, string key, double fallback, string source)
    {
        if (!json.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return fallback;
        if (v.ValueKind == JsonValueKind.Number) return v.GetDouble();
        throw UserInputException.ForFile(source, $"'{key}' must be a number (is {v.GetRawText()})");
    }

    public static string Str(JsonElement json, string key, string fallback, string source)
    {
        if (!json.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return fallback;
        if (v.ValueKind == JsonValueKind.String) return v.GetString()!;
        throw UserInputException.ForFile(source, $"'{key}' must be a string (is {v.GetRawText()})");
    }

    public static bool Bool(JsonElement json, string key, bool fallback, string source)
    {
        if (!json.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return fallback;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        throw UserInputException.ForFile(source, $"'{key}' must be true or false (is {v.GetRawText()})");
    }
}
