using Gtgm.Text.Bert;
using static TorchSharp.torch;

namespace Gtgm.Text.Blip;

/// <summary>
/// Autoregressive caption decoding for a <see cref="BlipForConditionalGeneration"/>: every sequence starts with
/// [DEC] (bos_token_id) and the prompt tokens, then grows one token at a time until it emits [SEP]
/// (sep_token_id) or reaches the maximum length. Greedy takes the most likely next token; beam search keeps the
/// <c>NumBeams</c> best partial sequences by summed log-probability and ranks finished ones by that sum divided
/// by their length (transformers' length_penalty 1). With <see cref="BlipDecodingOptions.UseCache"/> (the default)
/// a <see cref="KeyValueCache"/> keeps every layer's keys and values, so a step feeds only the newest token and
/// the image tokens are projected for cross-attention once per generation; without it each step re-runs the
/// decoder over the whole prefix. Both give the same tokens.
/// </summary>
public sealed class BlipDecoder
{
    readonly BlipForConditionalGeneration model;
    readonly BlipTokenizer tokenizer;

    public BlipDecoder(BlipForConditionalGeneration model, BlipTokenizer tokenizer)
    {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /// <summary>Token ids (after [DEC] and the prompt, without [SEP]) for each image.</summary>
    public List<List<int>> GenerateIds(Tensor pixels, BlipDecodingOptions options)
    {
        options.Validate();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var prefix = Prefix(options);
        if (prefix.Count >= options.MaxLength) throw new UserInputException($"the prompt takes {prefix.Count} tokens; max length {options.MaxLength} leaves none to generate");
        var images = model.EncodeImage(pixels);
        return options.NumBeams == 1
            ? Greedy(images, prefix, options)
            : Enumerable.Range(0, (int)images.shape[0]).Select(i => Beam(images.narrow(0, i, 1), prefix, options)).ToList();
    }

    /// <summary>Captions for each image: the generated ids decoded, the prompt left out.</summary>
    public List<string> Generate(Tensor pixels, BlipDecodingOptions options) =>
        GenerateIds(pixels, options).Select(ids => tokenizer.Decode(ids)).ToList();

    List<int> Prefix(BlipDecodingOptions options)
    {
        var prefix = new List<int> { model.Config.BosTokenId };
        if (!string.IsNullOrWhiteSpace(options.Prompt)) prefix.AddRange(tokenizer.Encode(options.Prompt));
        return prefix;
    }

    List<List<int>> Greedy(Tensor images, List<int> prefix, BlipDecodingOptions options)
    {
        int batch = (int)images.shape[0], sep = model.Config.SepTokenId;
        var sequences = Enumerable.Range(0, batch).Select(_ => new List<int>(prefix)).ToList();
        var finished = new bool[batch];
        using var cache = options.UseCache ? model.NewDecodingCache() : null;
        var cachedRows = Enumerable.Range(0, batch).ToArray(); // the sequence each cache row belongs to
        for (int length = prefix.Count; length < options.MaxLength && finished.Contains(false); length++)
        {
            using var step = NewDisposeScope();
            var active = Enumerable.Range(0, batch).Where(i => !finished[i]).ToArray();
            if (cache is not null && !active.SequenceEqual(cachedRows))
            {
                cache.SelectRows(active.Select(i => (long)Array.IndexOf(cachedRows, i)).ToArray());
                cachedRows = active;
            }
            var logits = NextLogits(images.index_select(0, tensor(active.Select(i => (long)i).ToArray())), active.Select(i => sequences[i]).ToList(), options, cache);
            var next = logits.argmax(-1).data<long>().ToArray();
            for (int k = 0; k < active.Length; k++)
            {
                int i = active[k];
                if (next[k] == sep) finished[i] = true;
                else sequences[i].Add((int)next[k]);
            }
        }
        return sequences.Select(s => s.Skip(prefix.Count).ToList()).ToList();
    }

    List<int> Beam(Tensor image, List<int> prefix, BlipDecodingOptions options)
    {
        int beams = options.NumBeams, sep = model.Config.SepTokenId;
        var alive = new List<(List<int> Tokens, double Score)> { (new List<int>(prefix), 0.0) };
        var done = new List<(List<int> Tokens, double Score)>();
        // One image: its cross-attention cache keeps batch 1 and serves every beam.
        using var cache = options.UseCache ? model.NewDecodingCache() : null;
        for (int length = prefix.Count; length < options.MaxLength && alive.Count > 0; length++)
        {
            using var step = NewDisposeScope();
            var logProbs = NextLogits(image.expand(alive.Count, -1, -1), alive.Select(a => a.Tokens).ToList(), options, cache).log_softmax(-1);
            var (values, indices) = logProbs.topk(2 * beams, dim: -1);
            var v = values.data<float>().ToArray();
            var ix = indices.data<long>().ToArray();
            var candidates = new List<(List<int> Tokens, double Score, bool Ends, int Parent)>();
            for (int b = 0; b < alive.Count; b++)
                for (int k = 0; k < 2 * beams; k++)
                {
                    int token = (int)ix[b * 2 * beams + k];
                    var tokens = new List<int>(alive[b].Tokens);
                    if (token != sep) tokens.Add(token);
                    candidates.Add((tokens, alive[b].Score + v[b * 2 * beams + k], token == sep, b));
                }
            alive = new();
            var parents = new List<long>();
            foreach (var c in candidates.OrderByDescending(c => c.Score))
            {
                if (c.Ends) done.Add((c.Tokens, c.Score / c.Tokens.Count));
                else { alive.Add((c.Tokens, c.Score)); parents.Add(c.Parent); }
                if (alive.Count == beams) break;
            }
            if (alive.Count > 0) cache?.SelectRows(parents.ToArray());
            // Stop once enough captions are finished and no live beam can still beat the best of them.
            if (done.Count >= beams && alive.All(a => a.Score / options.MaxLength <= done.Max(d => d.Score))) break;
        }
        done.AddRange(alive.Select(a => (a.Tokens, a.Score / a.Tokens.Count)));
        return done.OrderByDescending(d => d.Score).First().Tokens.Skip(prefix.Count).ToList();
    }

    /// <summary>
    /// (sequences, vocab) logits for the next token, with the repetition penalty and minimum length applied.
    /// With a cache only the tokens it has not seen yet are fed (the whole prefix on the first step, then one).
    /// </summary>
    Tensor NextLogits(Tensor images, List<List<int>> sequences, BlipDecodingOptions options, KeyValueCache? cache)
    {
        int length = sequences[0].Count, fed = (int)(cache?.Length ?? 0);
        var ids = tensor(sequences.SelectMany(s => s.Skip(fed).Select(t => (long)t)).ToArray(), new long[] { sequences.Count, length - fed });
        var logits = model.Decode(ids, null, images, cache).select(1, length - fed - 1);
        if (options.RepetitionPenalty != 1.0)
        {
            var seen = zeros(logits.shape, ScalarType.Bool);
            for (int i = 0; i < sequences.Count; i++)
                foreach (int t in sequences[i].Distinct()) seen[i, t] = tensor(true);
            var penalised = where(logits > 0, logits / options.RepetitionPenalty, logits * options.RepetitionPenalty);
            logits = where(seen, penalised, logits);
        }
        if (length < options.MinLength) logits.select(1, model.Config.SepTokenId).fill_(float.NegativeInfinity);
        return logits;
    }
}
