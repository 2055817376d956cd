using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace Gtgm.Text.Blip;

/// <summary>
/// BLIP's tokenizer: BERT uncased WordPiece (basic tokenisation, lower case, "##" continuations) over the
/// folder's <c>tokenizer.json</c> (WordPiece vocabulary plus added tokens: a hub BLIP folder adds [DEC] and
/// [ENC] there, after the 30522 entries of its <c>vocab.txt</c>), else its <c>vocab.txt</c>. The decoder's own
/// tokens ([DEC], [SEP], [PAD]) are handled as ids by the caller.
/// </summary>
public sealed class BlipTokenizer
{
    readonly BertTokenizer tokenizer;
    readonly HashSet<int> special;

    public IReadOnlyList<string> Vocabulary { get; }

    public BlipTokenizer(IReadOnlyList<string> vocabulary)
    {
        Vocabulary = vocabulary;
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", vocabulary) + "\n");
        tokenizer = BertTokenizer.Create(new MemoryStream(bytes), new BertOptions { LowerCaseBeforeTokenization = true, ApplyBasicTokenization = true });
        special = vocabulary.Select((t, i) => (t, i)).Where(p => p.t.StartsWith('[') && p.t.EndsWith(']')).Select(p => p.i).ToHashSet();
    }

    public int Count => Vocabulary.Count;

    public int? IdOf(string token)
    {
        for (int i = 0; i < Vocabulary.Count; i++) if (Vocabulary[i] == token) return i;
        return null;
    }

    /// <summary>Token ids of the text, without [CLS]/[SEP].</summary>
    public IReadOnlyList<int> Encode(string text) => tokenizer.EncodeToIds(text, addSpecialTokens: false);

    /// <summary>Text of the ids; bracketed special tokens ([DEC], [SEP], [PAD], ...) are left out.</summary>
    public string Decode(IEnumerable<int> ids) =>
        tokenizer.Decode(ids.Where(i => i >= 0 && i < Vocabulary.Count && !special.Contains(i)), skipSpecialTokens: true) ?? "";

    public const string VocabFile = "vocab.txt", TokenizerJsonFile = "tokenizer.json";

    /// <summary>Reads <c>tokenizer.json</c>, else <c>vocab.txt</c>, from a model folder.</summary>
    public static BlipTokenizer Load(string folder)
    {
        string vocab = Path.Combine(folder, VocabFile), json = Path.Combine(folder, TokenizerJsonFile);
        if (File.Exists(json)) return new BlipTokenizer(VocabularyFromTokenizerJson(json));
        if (File.Exists(vocab)) return new BlipTokenizer(File.ReadAllLines(vocab).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList());
        throw UserInputException.ForFile(folder, $"no {VocabFile} or {TokenizerJsonFile}");
    }

    public void Save(string folder) => IO.AtomicFile.WriteAllText(Path.Combine(folder, VocabFile), string.Join("\n", Vocabulary) + "\n");

    static List<string> VocabularyFromTokenizerJson(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var ids = new SortedDictionary<int, string>();
            if (!doc.RootElement.TryGetProperty("model", out var model) || !model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
                throw UserInputException.ForFile(path, "no WordPiece vocabulary (model.vocab) found");
            foreach (var p in vocab.EnumerateObject()) ids[p.Value.GetInt32()] = p.Name;
            if (doc.RootElement.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
                foreach (var t in added.EnumerateArray()) ids[t.GetProperty("id").GetInt32()] = t.GetProperty("content").GetString()!;
            if (ids.Count == 0 || ids.Keys.Last() != ids.Count - 1)
                throw UserInputException.ForFile(path, "token ids are not contiguous from 0");
            return ids.Values.ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw UserInputException.ForFile(path, $"not a readable tokenizer.json ({e.Message})");
        }
    }

    /// <summary>
    /// A word-level vocabulary for a captions corpus, in BERT's layout: [PAD] 0, [UNK], [CLS], [SEP], [MASK],
    /// the words (basic-tokenised, lower case, most frequent first), then BLIP's [DEC] and [ENC].
    /// For models trained from scratch where no pretrained BERT vocabulary is at hand.
    /// </summary>
    public static BlipTokenizer FromCorpus(IEnumerable<string> captions)
    {
        var counts = new Dictionary<string, int>();
        foreach (var caption in captions)
            foreach (var word in BasicWords(caption)) counts[word] = counts.GetValueOrDefault(word) + 1;
        var vocabulary = new List<string> { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" };
        vocabulary.AddRange(counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key));
        return new BlipTokenizer(WithDecoderTokens(vocabulary));
    }

    /// <summary>Appends [DEC] and [ENC] when absent (a plain BERT vocabulary lacks them).</summary>
    public static List<string> WithDecoderTokens(IEnumerable<string> vocabulary)
    {
        var list = vocabulary.ToList();
        foreach (var t in new[] { "[DEC]", "[ENC]" }) if (!list.Contains(t)) list.Add(t);
        return list;
    }

    // BERT's basic tokenisation: lower case, split on whitespace, punctuation characters as their own tokens.
    static IEnumerable<string> BasicWords(string text)
    {
        var word = new StringBuilder();
        foreach (char c in text.ToLowerInvariant())
        {
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                if (word.Length > 0) { yield return word.ToString(); word.Clear(); }
                if (!char.IsWhiteSpace(c)) yield return c.ToString();
            }
            else word.Append(c);
        }
        if (word.Length > 0) yield return word.ToString();
    }
}
