namespace Gtgm.Text.Captions;

/// <summary>
/// Drops captions already seen in a corpus: identical text (ignoring case, spacing and punctuation) supervises
/// nothing new. Seed it with the captions of an existing file to keep a resumed run duplicate-free.
/// </summary>
public sealed class CaptionDeduplicator
{
    readonly HashSet<string> seen = new();

    public CaptionDeduplicator(IEnumerable<string>? existing = null)
    {
        foreach (var text in existing ?? Enumerable.Empty<string>()) seen.Add(Key(text));
    }

    /// <summary>True the first time a caption is offered; false for a repeat.</summary>
    public bool Accept(string text) => seen.Add(Key(text));

    static string Key(string text) => new(text.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
}
