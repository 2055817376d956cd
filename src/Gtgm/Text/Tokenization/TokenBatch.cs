namespace Gtgm.Text.Tokenization;

/// <summary>
/// Token ids for a batch of texts, row-major (batch, length), padded to the longest text in the batch.
/// <see cref="AttentionMask"/> is 1 for real tokens ([CLS] and [SEP] included) and 0 for padding.
/// </summary>
public sealed record TokenBatch(long[] InputIds, long[] AttentionMask, long[] TokenTypeIds, int Count, int Length)
{
    /// <summary>Number of real tokens in row <paramref name="row"/>.</summary>
    public int TokensIn(int row)
    {
        int n = 0;
        for (int i = 0; i < Length; i++) n += (int)AttentionMask[row * Length + i];
        return n;
    }
}
