namespace Gtgm.Text.Encoders;

/// <summary>Cosine similarity between sentence embeddings: a·b / (‖a‖ ‖b‖), for inspecting captions.</summary>
public static class TextSimilarity
{
    /// <summary>Cosine of two vectors of equal length; 0 when either is all zeros.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"vectors differ in length ({a.Length} vs {b.Length})");
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>Embeds the sentences in one batch and returns the symmetric matrix of their pairwise cosines.</summary>
    public static double[,] CosineMatrix(ITextEncoder encoder, IReadOnlyList<string> sentences)
    {
        var v = encoder.Encode(sentences);
        var m = new double[v.Length, v.Length];
        for (int i = 0; i < v.Length; i++)
            for (int j = i; j < v.Length; j++)
                m[i, j] = m[j, i] = Cosine(v[i], v[j]);
        return m;
    }
}
