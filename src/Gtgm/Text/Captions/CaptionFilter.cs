using System.Text;
using System.Text.RegularExpressions;

namespace Gtgm.Text.Captions;

/// <summary>
/// Cleans captioner output before it supervises pretraining (the paper's caption filtering): figure labels,
/// repeated phrases and sentences, a trailing unfinished sentence and uninformative vocabulary are removed and
/// the dataset name is prefixed. <see cref="Filter"/> returns null when nothing informative is left.
/// </summary>
public sealed partial class CaptionFilter
{
    readonly CaptionFilterOptions options;
    readonly Regex[] uninformative;

    public CaptionFilter(CaptionFilterOptions? options = null)
    {
        this.options = options ?? new CaptionFilterOptions();
        uninformative = this.options.UninformativePatterns.Select(p =>
        {
            try { return new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant); }
            catch (ArgumentException e) { throw new UserInputException($"caption filter pattern '{p}' is not a valid regular expression: {e.Message}"); }
        }).ToArray();
    }

    public CaptionFilterOptions Options => options;

    /// <summary>The filtered caption, prefixed with <paramref name="dataset"/> when set; null if empty.</summary>
    public string? Filter(string raw, string? dataset = null)
    {
        string text = Collapse(raw);
        if (options.Lowercase) text = text.ToLowerInvariant();
        if (options.StripFigureLabels) text = StripLabels(text);
        foreach (var pattern in uninformative) text = pattern.Replace(text, " ");
        text = Collapse(text);

        var sentences = Sentences(text, out string tail);
        if (!options.CutUnfinishedSentence || sentences.Count == 0) { if (tail.Length > 0) sentences.Add(tail); }
        if (options.RemoveRepeatedPhrases) sentences = sentences.Select(CollapseRepeatedPhrases).ToList();
        sentences = sentences.Select(Tidy).Where(s => s.Any(char.IsLetterOrDigit)).ToList();
        if (options.RemoveRepeatedSentences)
        {
            var seen = new HashSet<string>();
            sentences = sentences.Where(s => seen.Add(Key(s))).ToList();
        }
        text = string.Join(" ", sentences);
        if (text.Length == 0) return null;
        return options.PrependDatasetName && !string.IsNullOrWhiteSpace(dataset) ? $"{dataset}: {text}" : text;
    }

    // "fig. 2.", "figure 1:", "figs 3a-c,", "fig 3b" anywhere; "(a)", "(a-c)", "(b, c)" anywhere; "a)" / "a." at the start.
    [GeneratedRegex(@"\bfig(?:ure)?s?\.?\s*\d+[a-z]?\b(?:\s*(?:-|–|,|and|&)\s*(?:\d+[a-z]?|[a-z])\b)*\s*[.:)]?", RegexOptions.IgnoreCase)]
    private static partial Regex FigureLabel();

    [GeneratedRegex(@"\(\s*[a-z](?:\s*(?:-|–|,|and|&)\s*[a-z])*\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex PanelLabel();

    [GeneratedRegex(@"^\s*[a-z][).]\s+(?=\S)", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingPanel();

    static string StripLabels(string text)
    {
        text = FigureLabel().Replace(text, " ");
        text = PanelLabel().Replace(text, " ");
        return LeadingPanel().Replace(Collapse(text), "");
    }

    /// <summary>Complete sentences (ending in . ! or ?) and the unterminated text after the last one.</summary>
    static List<string> Sentences(string text, out string tail)
    {
        var sentences = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?')) continue;
            // A terminator ends a sentence only before a space or the end ("0.5 mm" and "e.g" stay whole).
            if (i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1])) continue;
            sentences.Add(text[start..(i + 1)].Trim());
            start = i + 1;
        }
        tail = text[start..].Trim();
        return sentences;
    }

    string CollapseRepeatedPhrases(string sentence)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int n = Math.Min(options.MaxPhraseWords, words.Count / 2); n >= 1 && !changed; n--)
                for (int i = 0; i + 2 * n <= words.Count; i++)
                {
                    if (!SamePhrase(words, i, i + n, n)) continue;
                    words.RemoveRange(i + n, n);
                    changed = true;
                    break;
                }
        }
        return string.Join(" ", words);
    }

    static bool SamePhrase(List<string> words, int a, int b, int n)
    {
        for (int k = 0; k < n; k++)
            if (!string.Equals(Bare(words[a + k]), Bare(words[b + k]), StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    static string Bare(string word) => word.TrimEnd(',', ';', ':', '.', '!', '?');

    static string Key(string sentence) => new(sentence.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    // Label removal leaves " ," or ", ." behind; remove stranded punctuation and leading separators.
    [GeneratedRegex(@"\s+([,.;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"([,;:])(?:\s*[,;:])+")]
    private static partial Regex RepeatedSeparators();

    static string Tidy(string sentence)
    {
        string s = SpaceBeforePunctuation().Replace(sentence, "$1");
        s = RepeatedSeparators().Replace(s, "$1");
        s = s.Replace(",.", ".").Replace(";.", ".").Replace(":.", ".");
        return s.TrimStart(',', ';', ':', '.', ' ', '-').Trim();
    }

    static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
