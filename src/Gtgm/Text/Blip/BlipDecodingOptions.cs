namespace Gtgm.Text.Blip;

/// <summary>How captions are decoded.</summary>
/// <param name="MaxLength">Most tokens in a sequence, counting [DEC] and the prompt (transformers' max_length).</param>
/// <param name="NumBeams">1: greedy; more: beam search with that many beams.</param>
/// <param name="RepetitionPenalty">
/// CTRL's penalty θ on tokens already in the sequence: a positive logit is divided by θ, a negative one
/// multiplied, so θ &gt; 1 discourages repeats; 1 turns it off.
/// </param>
/// <param name="MinLength">Fewest tokens (as <paramref name="MaxLength"/> counts them) before [SEP] may end the caption.</param>
/// <param name="Prompt">Text the decoder continues, e.g. "a picture of" (BLIP's default prompt); left out of the result.</param>
/// <param name="UseCache">
/// Keep each layer's keys and values between steps (transformers' use_cache): same tokens, each step feeds only
/// the newest token. Off re-runs the decoder over the whole prefix every step.
/// </param>
public sealed record BlipDecodingOptions(int MaxLength = 50, int NumBeams = 1, double RepetitionPenalty = 1.0, int MinLength = 0, string? Prompt = null,
    bool UseCache = true)
{
    public void Validate()
    {
        if (MaxLength < 2) throw new UserInputException($"decoding max length must be at least 2 (got {MaxLength})");
        if (NumBeams < 1) throw new UserInputException($"number of beams must be at least 1 (got {NumBeams})");
        if (RepetitionPenalty <= 0) throw new UserInputException($"repetition penalty must be positive (got {RepetitionPenalty})");
    }
}
