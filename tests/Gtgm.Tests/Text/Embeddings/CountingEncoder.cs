using System.Security.Cryptography;
using System.Text;
using Gtgm.Text.Encoders;

namespace Gtgm.Tests.Text;

/// <summary>A deterministic test encoder (vector from the text's hash) that counts the texts it encodes.</summary>
sealed class CountingEncoder : ITextEncoder
{
    public CountingEncoder(string id = "counting-v1", int dimension = 8) { Id = id; Dimension = dimension; }

    public string Id { get; }
    public int Dimension { get; }
    public int Calls { get; private set; }
    public List<string> Seen { get; } = new();
    /// <summary>Throw on this call number (1-based), to simulate a kill mid-build.</summary>
    public int? FailOnCall { get; set; }

    public static float[] VectorFor(string text, int dimension)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Enumerable.Range(0, dimension).Select(i => hash[i % 32] / 255f - 0.5f).ToArray();
    }

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        Calls++;
        if (Calls == FailOnCall) throw new OperationCanceledException("simulated kill");
        Seen.AddRange(texts);
        return texts.Select(t => VectorFor(t, Dimension)).ToArray();
    }

    public void Dispose() { }
}
