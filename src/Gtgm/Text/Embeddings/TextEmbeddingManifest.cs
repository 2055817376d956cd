using System.Text.Json;
using System.Text.Json.Serialization;
using Gtgm.IO;

namespace Gtgm.Text.Embeddings;

/// <summary>
/// <c>manifest.json</c> of an embedding store: which encoder made the vectors, their length, and how many
/// entries are committed. It is rewritten atomically after the data files are appended and flushed, so it is
/// the commit point: bytes beyond <see cref="Count"/> rows / <see cref="IndexBytes"/> are an interrupted
/// write and are ignored (and cut off by the next write).
/// </summary>
public sealed record TextEmbeddingManifest(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("encoder")] string EncoderId,
    [property: JsonPropertyName("dimension")] int Dimension,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("index_bytes")] long IndexBytes)
{
    public const string FileName = "manifest.json";
    public const string FormatName = "gtgm-text-embeddings";
    public const int CurrentVersion = 1;

    static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static TextEmbeddingManifest Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw UserInputException.ForFile(directory, "not a text-embedding store (no manifest.json); create one with gtgm embed-text");
        TextEmbeddingManifest? m;
        try { m = JsonSerializer.Deserialize<TextEmbeddingManifest>(File.ReadAllText(path)); }
        catch (JsonException e) { throw UserInputException.ForFile(path, $"not valid JSON ({e.Message})"); }
        if (m is null || m.Format != FormatName)
            throw UserInputException.ForFile(path, $"not a text-embedding manifest (format is not '{FormatName}')");
        if (m.Version != CurrentVersion)
            throw UserInputException.ForFile(path, $"store format version {m.Version}; this gtgm reads version {CurrentVersion}");
        if (m.Dimension <= 0 || m.Count < 0 || m.IndexBytes < 0 || string.IsNullOrEmpty(m.EncoderId))
            throw UserInputException.ForFile(path, "damaged manifest (encoder, dimension, count or index_bytes invalid)");
        return m;
    }

    public void Write(string directory) => AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Options) + "\n");
}
