using Gtgm.Networks.Optimization;
using Gtgm.Platform;
using Gtgm.Reporting;
using static TorchSharp.torch;

namespace Gtgm.Text.Blip;

/// <summary>
/// Finetunes a BLIP captioner on image/caption pairs with the paper's L_Cap: teacher-forced token
/// cross-entropy (no label smoothing) of each caption token given the image and the tokens before it, averaged
/// over real caption tokens (padding and prompt positions carry label −100 and are ignored), optimised by AdamW.
/// </summary>
public sealed class BlipFinetuner
{
    readonly BlipForConditionalGeneration model;
    readonly BlipTokenizer tokenizer;
    readonly BlipFinetuneOptions options;

    public BlipFinetuner(BlipForConditionalGeneration model, BlipTokenizer tokenizer, BlipFinetuneOptions options)
    {
        options.Validate();
        this.model = model;
        this.tokenizer = tokenizer;
        this.options = options;
    }

    /// <summary>A batch's decoder inputs: ids ([DEC] prompt caption [SEP] pad...), 0/1 mask, labels with −100.</summary>
    public (Tensor Ids, Tensor Mask, Tensor Labels) Tokenize(IReadOnlyList<string> captions)
    {
        var config = model.Config;
        var prompt = string.IsNullOrWhiteSpace(options.Prompt) ? new List<int>() : tokenizer.Encode(options.Prompt).ToList();
        var sequences = captions.Select(c =>
        {
            var ids = new List<int> { config.BosTokenId };
            ids.AddRange(prompt);
            ids.AddRange(tokenizer.Encode(c));
            if (ids.Count > options.MaxTokens - 1) ids.RemoveRange(options.MaxTokens - 1, ids.Count - (options.MaxTokens - 1));
            ids.Add(config.SepTokenId);
            return ids;
        }).ToList();
        int length = sequences.Max(s => s.Count);
        var ids = new long[captions.Count * length];
        var mask = new long[ids.Length];
        var labels = new long[ids.Length];
        for (int b = 0; b < sequences.Count; b++)
            for (int t = 0; t < length; t++)
            {
                int i = b * length + t;
                bool real = t < sequences[b].Count;
                ids[i] = real ? sequences[b][t] : config.PadTokenId;
                mask[i] = real ? 1 : 0;
                // Position 0 ([DEC]) is never a target; prompt tokens are given, not predicted.
                labels[i] = real && t > prompt.Count ? sequences[b][t] : -100;
            }
        var shape = new long[] { captions.Count, length };
        return (tensor(ids, shape), tensor(mask, shape), tensor(labels, shape));
    }

    /// <summary>Trains on images held in one (count, 3, S, S) tensor; see the other overload.</summary>
    public List<double> Train(Tensor pixels, IReadOnlyList<string> captions, Action<int, double>? afterEpoch = null, IProgress<ProgressUpdate>? progress = null)
    {
        if (pixels.shape[0] != captions.Count) throw new ArgumentException($"{pixels.shape[0]} images but {captions.Count} captions");
        return Train(captions, batch => pixels.index_select(0, tensor(batch.Select(i => (long)i).ToArray())), afterEpoch, progress);
    }

    /// <summary>
    /// Trains on <paramref name="captions"/>; <paramref name="loadImages"/> returns the (batch, 3, S, S) pixels of
    /// the given caption indices, so a large set never has to fit in memory at once. <paramref name="afterEpoch"/>
    /// gets (epoch, mean L_Cap over the epoch's steps). Returns the mean loss of each epoch.
    /// </summary>
    public List<double> Train(IReadOnlyList<string> captions, Func<IReadOnlyList<int>, Tensor> loadImages,
        Action<int, double>? afterEpoch = null, IProgress<ProgressUpdate>? progress = null)
    {
        progress ??= Progress.None;
        var random = Rng.Stream(options.Seed, "blip-finetune-order");
        using var optimizer = new InPlaceAdamW(model.parameters(), options.LearningRate, weightDecay: options.WeightDecay);
        int steps = (captions.Count + options.BatchSize - 1) / options.BatchSize;
        var epochLosses = new List<double>();
        model.train();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var order = Enumerable.Range(0, captions.Count).OrderBy(_ => random.Next()).ToArray();
            double sum = 0;
            for (int s = 0; s < steps; s++)
            {
                using var scope = NewDisposeScope();
                var batch = order.Skip(s * options.BatchSize).Take(options.BatchSize).ToArray();
                var (ids, mask, labels) = Tokenize(batch.Select(i => captions[i]).ToList());
                var images = loadImages(batch);
                optimizer.ZeroGrad();
                var loss = model.CaptionLoss(images, ids, mask, labels);
                loss.backward();
                optimizer.Step();
                sum += loss.item<float>();
            }
            epochLosses.Add(sum / steps);
            progress.Report(new ProgressUpdate("finetune captioner", epoch, options.Epochs, "epoch", $"L_Cap {sum / steps:0.0000}"));
            afterEpoch?.Invoke(epoch, sum / steps);
        }
        model.eval();
        return epochLosses;
    }
}
