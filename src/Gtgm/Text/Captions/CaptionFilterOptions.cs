namespace Gtgm.Text.Captions;

/// <summary>
/// Which clean-up rules <see cref="CaptionFilter"/> applies, in this order: lowercase, strip figure and panel
/// labels, remove uninformative vocabulary, cut a trailing unfinished sentence, remove back-to-back repeated
/// phrases, remove repeated sentences, collapse whitespace, prepend the dataset name.
/// </summary>
public sealed record CaptionFilterOptions
{
    public bool Lowercase { get; init; } = true;

    /// <summary>"fig. 2.", "figure 1:", "figs. 3a-c", "(a)", "(b, c)", a leading "a)".</summary>
    public bool StripFigureLabels { get; init; } = true;

    /// <summary>Case-insensitive regular expressions whose matches are deleted.</summary>
    public IReadOnlyList<string> UninformativePatterns { get; init; } = DefaultUninformativePatterns;

    /// <summary>Drop text after the last sentence terminator, when at least one full sentence precedes it.</summary>
    public bool CutUnfinishedSentence { get; init; } = true;

    /// <summary>Collapse a word sequence repeated back to back ("the cells the cells" → "the cells").</summary>
    public bool RemoveRepeatedPhrases { get; init; } = true;

    /// <summary>Longest phrase, in words, checked for back-to-back repetition.</summary>
    public int MaxPhraseWords { get; init; } = 12;

    /// <summary>Keep only the first of identical sentences.</summary>
    public bool RemoveRepeatedSentences { get; init; } = true;

    /// <summary>Prefix "dataset: " as the paper does, so captions also say where a volume comes from.</summary>
    public bool PrependDatasetName { get; init; } = true;

    /// <summary>Words and phrases of figure captions that say nothing about the image content.</summary>
    public static readonly IReadOnlyList<string> DefaultUninformativePatterns = new[]
    {
        @"\((?:white |black |red |open |closed )?(?:arrows?|arrowheads?|asterisks?|stars?)\)",
        @"\b(?:original )?magnification\s*[x×]?\s*\d+\s*[x×]?",
        @"\bscale bars?\s*(?:=|:|represents?|indicates?)?\s*\d+(?:\.\d+)?\s*(?:µm|um|nm|mm|cm)\b",
        @"\bbars?\s*=\s*\d+(?:\.\d+)?\s*(?:µm|um|nm|mm|cm)\b",
        @"\b(?:h&e|hematoxylin and eosin) stain(?:ing|ed)?,?\s*",
        @"\bsee (?:text|inset)\b",
    };
}
