using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gtgm.Text.Embeddings;

/// <summary>
/// A folder of cached caption embeddings, one per unique text, made by one encoder:
/// <list type="bullet">
/// <item><c>manifest.json</c>: encoder id, dimension, committed count (see <see cref="TextEmbeddingManifest"/>);</item>
/// <item><c>embeddings.f32</c>: row-major little-endian float32, <c>count × dimension</c>;</item>
/// <item><c>index.jsonl</c>: line i is <c>{"key": SHA-256 of the text, "text": the text}</c> for row i.</item>
/// </list>
/// The data files only grow; each <see cref="Add"/> appends, flushes, then rewrites the manifest atomically,
/// so a killed writer leaves a valid store holding every batch committed before the kill. One writer at a time.
/// Lookups are in memory (the whole matrix is loaded) and cost a SHA-256 and a dictionary probe.
/// </summary>
public sealed class TextEmbeddingStore
{
    public const string VectorsFile = "embeddings.f32";
    public const string IndexFile = "index.jsonl";

    readonly Dictionary<string, int> rows = new(StringComparer.Ordinal);
    float[] vectors;
    TextEmbeddingManifest manifest;

    TextEmbeddingStore(string directory, TextEmbeddingManifest manifest, float[] vectors)
    {
        Directory = directory;
        this.manifest = manifest;
        this.vectors = vectors;
    }

    public string Directory { get; }
    public string EncoderId => manifest.EncoderId;
    public int Dimension => manifest.Dimension;
    public int Count => manifest.Count;

    /// <summary>Whether <paramref name="directory"/> holds a store (has a manifest).</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, TextEmbeddingManifest.FileName));

    /// <summary>Starts an empty store; refuses to overwrite an existing one.</summary>
    public static TextEmbeddingStore Create(string directory, string encoderId, int dimension)
    {
        if (string.IsNullOrWhiteSpace(encoderId)) throw new ArgumentException("an encoder id is required", nameof(encoderId));
        if (dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension));
        if (Exists(directory)) throw UserInputException.ForFile(directory, "a text-embedding store already exists here");
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, VectorsFile), Array.Empty<byte>());
        File.WriteAllBytes(Path.Combine(directory, IndexFile), Array.Empty<byte>());
        var m = new TextEmbeddingManifest(TextEmbeddingManifest.FormatName, TextEmbeddingManifest.CurrentVersion, encoderId, dimension, 0, 0);
        m.Write(directory);
        return new TextEmbeddingStore(directory, m, Array.Empty<float>());
    }

    /// <summary>Loads a store; a missing, foreign or damaged one is a <see cref="UserInputException"/> naming the file.</summary>
    public static TextEmbeddingStore Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw UserInputException.ForFile(directory, "text-embedding folder not found");
        var m = TextEmbeddingManifest.Read(directory);
        string vectorsPath = Path.Combine(directory, VectorsFile);
        string indexPath = Path.Combine(directory, IndexFile);
        long needBytes = (long)m.Count * m.Dimension * sizeof(float);
        long haveBytes = File.Exists(vectorsPath) ? new FileInfo(vectorsPath).Length : -1;
        if (haveBytes < needBytes)
            throw UserInputException.ForFile(vectorsPath, haveBytes < 0 ? "missing" : $"truncated: {haveBytes} bytes, the manifest commits {m.Count} × {m.Dimension} float32 ({needBytes} bytes)");
        if (!File.Exists(indexPath) || new FileInfo(indexPath).Length < m.IndexBytes)
            throw UserInputException.ForFile(indexPath, File.Exists(indexPath) ? $"truncated: the manifest commits {m.IndexBytes} bytes" : "missing");

        var vectors = new float[m.Count * m.Dimension];
        using (var s = File.OpenRead(vectorsPath)) s.ReadExactly(MemoryMarshal.AsBytes(vectors.AsSpan()));
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("embeddings.f32 is little-endian");

        var store = new TextEmbeddingStore(directory, m, vectors);
        store.ReadIndex(indexPath);
        return store;
    }

    void ReadIndex(string indexPath)
    {
        var bytes = new byte[manifest.IndexBytes];
        using (var s = File.OpenRead(indexPath)) s.ReadExactly(bytes);
        int row = 0;
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            if (line.Length == 0) continue;
            IndexEntry? e;
            try { e = JsonSerializer.Deserialize<IndexEntry>(line); }
            catch (JsonException ex) { throw UserInputException.ForFile(indexPath, $"line {row + 1}: damaged ({ex.Message})"); }
            if (e is null || e.Key != TextKey.Of(e.Text))
                throw UserInputException.ForFile(indexPath, $"line {row + 1}: damaged (key is not the SHA-256 of the text)");
            if (!rows.TryAdd(e.Key, row))
                throw UserInputException.ForFile(indexPath, $"line {row + 1}: duplicate entry");
            row++;
        }
        if (row != manifest.Count)
            throw UserInputException.ForFile(indexPath, $"holds {row} entries, the manifest commits {manifest.Count}");
    }

    public bool Contains(string text) => rows.ContainsKey(TextKey.Of(text));

    public bool TryGet(string text, out float[] vector)
    {
        if (rows.TryGetValue(TextKey.Of(text), out int row))
        {
            vector = vectors.AsSpan(row * Dimension, Dimension).ToArray();
            return true;
        }
        vector = Array.Empty<float>();
        return false;
    }

    public float[] Get(string text) => TryGet(text, out var v) ? v : throw Missing(text);

    /// <summary>Copies the texts' vectors into <paramref name="destination"/> (texts.Count × Dimension), e.g. a training batch.</summary>
    public void GetBatch(IReadOnlyList<string> texts, Span<float> destination)
    {
        if (destination.Length != texts.Count * Dimension)
            throw new ArgumentException($"destination holds {destination.Length} floats, {texts.Count} × {Dimension} needed");
        for (int i = 0; i < texts.Count; i++)
        {
            if (!rows.TryGetValue(TextKey.Of(texts[i]), out int row)) throw Missing(texts[i]);
            vectors.AsSpan(row * Dimension, Dimension).CopyTo(destination.Slice(i * Dimension, Dimension));
        }
    }

    UserInputException Missing(string text) => UserInputException.ForFile(Directory,
        $"no embedding for caption \"{(text.Length > 80 ? text[..77] + "..." : text)}\" (sha256 {TextKey.Of(text)[..12]}); " +
        "run gtgm embed-text with the same captions file");

    /// <summary>
    /// Checks that the store was made by <paramref name="encoderId"/> (when given) with vectors of
    /// <paramref name="dimension"/> (when given), e.g. before pretraining starts.
    /// </summary>
    public void Require(string? encoderId, int? dimension)
    {
        if (encoderId is not null && encoderId != EncoderId)
            throw UserInputException.ForFile(Directory, $"embeddings were made by '{EncoderId}', not '{encoderId}'");
        if (dimension is int d && d != Dimension)
            throw UserInputException.ForFile(Directory, $"embeddings have dimension {Dimension}, {d} is needed");
    }

    /// <summary>Appends new texts and their vectors and commits them. Texts already present are an error (callers filter).</summary>
    public void Add(IReadOnlyList<string> texts, IReadOnlyList<float[]> newVectors)
    {
        if (texts.Count != newVectors.Count) throw new ArgumentException("one vector per text is needed");
        if (texts.Count == 0) return;
        var keys = new string[texts.Count];
        var pending = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < texts.Count; i++)
        {
            if (newVectors[i].Length != Dimension)
                throw new ArgumentException($"vector {i} has length {newVectors[i].Length}, the store holds {Dimension}");
            keys[i] = TextKey.Of(texts[i]);
            if (rows.ContainsKey(keys[i]) || !pending.Add(keys[i])) throw new ArgumentException($"text {i} is already in the store");
        }

        var rowBytes = new byte[texts.Count * Dimension * sizeof(float)];
        for (int i = 0; i < texts.Count; i++)
            MemoryMarshal.AsBytes(newVectors[i].AsSpan()).CopyTo(rowBytes.AsSpan(i * Dimension * sizeof(float)));
        var indexText = new StringBuilder();
        for (int i = 0; i < texts.Count; i++) indexText.Append(JsonSerializer.Serialize(new IndexEntry(keys[i], texts[i]))).Append('\n');
        var indexBytes = new UTF8Encoding(false).GetBytes(indexText.ToString());

        // Cut off what an interrupted writer left past the committed length, then append and flush.
        AppendAt(Path.Combine(Directory, VectorsFile), (long)Count * Dimension * sizeof(float), rowBytes);
        AppendAt(Path.Combine(Directory, IndexFile), manifest.IndexBytes, indexBytes);
        var next = manifest with { Count = Count + texts.Count, IndexBytes = manifest.IndexBytes + indexBytes.Length };
        next.Write(Directory);

        int used = Count * Dimension;
        if (vectors.Length < next.Count * Dimension)
        {
            // Grow by doubling: a build appends many small batches.
            var grown = new float[Math.Max(next.Count * Dimension, 2 * vectors.Length)];
            vectors.AsSpan(0, used).CopyTo(grown);
            vectors = grown;
        }
        MemoryMarshal.Cast<byte, float>(rowBytes).CopyTo(vectors.AsSpan(used));
        for (int i = 0; i < keys.Length; i++) rows[keys[i]] = Count + i;
        manifest = next;
    }

    static void AppendAt(string path, long committedLength, byte[] bytes)
    {
        using var s = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);
        s.SetLength(committedLength);
        s.Seek(committedLength, SeekOrigin.Begin);
        s.Write(bytes);
        s.Flush(flushToDisk: true);
    }

    sealed record IndexEntry([property: JsonPropertyName("key")] string Key, [property: JsonPropertyName("text")] string Text);
}
