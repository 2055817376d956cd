namespace Gtgm.Text.Encoders;

/// <summary>How per-token hidden states become one sentence vector.</summary>
public enum PoolingKind
{
    /// <summary>The [CLS] token's last hidden state (BERT's sentence token; what GTGM's reference code uses).</summary>
    Cls,
    /// <summary>Mean over the real tokens (attention mask 1), as sentence-transformers pools.</summary>
    Mean,
}

public static class TokenPooling
{
    public static string Name(PoolingKind kind) => kind switch { PoolingKind.Cls => "cls", PoolingKind.Mean => "mean", _ => throw new ArgumentOutOfRangeException(nameof(kind)) };

    public static PoolingKind Parse(string name) => name.ToLowerInvariant() switch
    {
        "cls" => PoolingKind.Cls,
        "mean" => PoolingKind.Mean,
        _ => throw new UserInputException($"unknown pooling '{name}' (use cls or mean)"),
    };

    /// <summary>
    /// Pools (batch, length, dim) hidden states, row-major, into one vector per row.
    /// Mean: Σ_t m_t h_t / max(Σ_t m_t, 1e-9), the sentence-transformers formula.
    /// </summary>
    public static float[][] Pool(PoolingKind kind, ReadOnlySpan<float> hidden, ReadOnlySpan<long> mask, int batch, int length, int dim)
    {
        var result = new float[batch][];
        for (int b = 0; b < batch; b++)
        {
            var v = new float[dim];
            if (kind == PoolingKind.Cls)
            {
                hidden.Slice(b * length * dim, dim).CopyTo(v);
            }
            else
            {
                // Accumulate in double: a 128-token sum in float loses digits the 1e-4 comparisons can see.
                var sum = new double[dim];
                double count = 0;
                for (int t = 0; t < length; t++)
                {
                    if (mask[b * length + t] == 0) continue;
                    count++;
                    var h = hidden.Slice((b * length + t) * dim, dim);
                    for (int d = 0; d < dim; d++) sum[d] += h[d];
                }
                double denominator = Math.Max(count, 1e-9);
                for (int d = 0; d < dim; d++) v[d] = (float)(sum[d] / denominator);
            }
            result[b] = v;
        }
        return result;
    }
}
