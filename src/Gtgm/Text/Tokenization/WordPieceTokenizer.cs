using System.Text;

namespace Gtgm.Text.Tokenization;

/// <summary>
/// BERT's WordPiece tokenizer over a <c>vocab.txt</c>, as Hugging Face's <c>BertTokenizer</c> does it:
/// optional lower-casing with accent stripping, punctuation split, greedy longest-match word pieces,
/// <c>[CLS] … [SEP]</c>. Truncation keeps the first <c>maxLength − 1</c> tokens and ends with [SEP]
/// (Hugging Face's <c>truncation=True</c> for one sequence). Backed by FastBertTokenizer.
/// </summary>
public sealed class WordPieceTokenizer
{
    readonly FastBertTokenizer.BertTokenizer tokenizer = new();

    WordPieceTokenizer(TextReader vocab, bool lowercase)
    {
        // FormD + lower-casing strips accents ("café" -> "cafe"), as BertTokenizer's strip_accents default does.
        tokenizer.LoadVocabulary(vocab, lowercase, "[UNK]", "[CLS]", "[SEP]", "[PAD]",
            lowercase ? NormalizationForm.FormD : NormalizationForm.FormC);
        Lowercase = lowercase;
    }

    public bool Lowercase { get; }

    /// <summary>Loads a vocabulary; a missing file, or one without [CLS]/[SEP]/[PAD]/[UNK], names the file.</summary>
    public static WordPieceTokenizer Load(string vocabPath, bool lowercase)
    {
        if (!File.Exists(vocabPath)) throw UserInputException.ForFile(vocabPath, "vocabulary file not found");
        using var reader = new StreamReader(vocabPath, Encoding.UTF8);
        return Load(reader, lowercase, vocabPath);
    }

    /// <param name="source">Names the vocabulary in error messages.</param>
    public static WordPieceTokenizer Load(TextReader vocab, bool lowercase, string source)
    {
        string text = vocab.ReadToEnd();
        var tokens = new HashSet<string>(text.Split('\n').Select(l => l.TrimEnd('\r')));
        var missing = new[] { "[CLS]", "[SEP]", "[PAD]", "[UNK]" }.Where(t => !tokens.Contains(t)).ToList();
        if (missing.Count > 0) throw UserInputException.ForFile(source, $"not a BERT vocabulary: no {string.Join(", ", missing)} token");
        return new WordPieceTokenizer(new StringReader(text), lowercase);
    }

    /// <summary>Tokenizes each text, truncating to <paramref name="maxLength"/> tokens, padding to the longest.</summary>
    public TokenBatch Encode(IReadOnlyList<string> texts, int maxLength)
    {
        if (maxLength < 2) throw new ArgumentOutOfRangeException(nameof(maxLength), "room for [CLS] and [SEP] is needed");
        var ids = new long[texts.Count * maxLength];
        var mask = new long[texts.Count * maxLength];
        var types = new long[texts.Count * maxLength];
        int longest = 0;
        for (int i = 0; i < texts.Count; i++)
        {
            var row = new Range(i * maxLength, (i + 1) * maxLength);
            int n = tokenizer.Encode(texts[i], ids.AsSpan(row), mask.AsSpan(row), types.AsSpan(row), padTo: null);
            longest = Math.Max(longest, n);
        }
        return new TokenBatch(Compact(ids, texts.Count, maxLength, longest), Compact(mask, texts.Count, maxLength, longest),
            Compact(types, texts.Count, maxLength, longest), texts.Count, longest);
    }

    static long[] Compact(long[] rows, int count, int stride, int length)
    {
        if (length == stride) return rows;
        var result = new long[count * length];
        for (int i = 0; i < count; i++) rows.AsSpan(i * stride, length).CopyTo(result.AsSpan(i * length, length));
        return result;
    }
}
