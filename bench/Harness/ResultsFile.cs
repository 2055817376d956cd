using System.Text.Json;
using System.Text.Json.Serialization;
using Gtgm.IO;

namespace Gtgm.Bench.Harness;

/// <summary>The report as JSON, the same rows the table shows plus the machine and the raw settings.</summary>
public static class ResultsFile
{
    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write(BenchmarkReport report, string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir != null) Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(report, Options));
    }

    public static BenchmarkReport Read(string path) =>
        JsonSerializer.Deserialize<BenchmarkReport>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path}: empty benchmark report");
}
