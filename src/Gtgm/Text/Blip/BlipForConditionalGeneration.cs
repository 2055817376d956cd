using Gtgm.Text.Bert;
using static TorchSharp.torch;

namespace Gtgm.Text.Blip;

/// <summary>
/// BLIP image captioning with the architecture and parameter names of transformers'
/// <c>BlipForConditionalGeneration</c>: a ViT (<c>vision_model.*</c>) encodes the image, and a causal BERT
/// (<c>text_decoder.*</c>) cross-attending to it predicts the caption token by token.
/// </summary>
public sealed class BlipForConditionalGeneration : nn.Module
{
    readonly BlipVisionModel vision_model;
    readonly BlipTextDecoder text_decoder;

    public BlipForConditionalGeneration(BlipConfig config) : base(nameof(BlipForConditionalGeneration))
    {
        Config = config;
        vision_model = new BlipVisionModel(config.Vision);
        text_decoder = new BlipTextDecoder(config.Text);
        RegisterComponents();
    }

    public BlipConfig Config { get; }

    /// <summary>(batch, 3, S, S) normalised pixels → (batch, 1 + patches, vision width).</summary>
    public Tensor EncodeImage(Tensor pixels) => vision_model.forward(pixels);

    /// <summary>Next-token logits (batch, length, vocab) for <paramref name="inputIds"/> given image embeddings.</summary>
    /// <param name="cache">
    /// From <see cref="NewDecodingCache"/> for incremental decoding: <paramref name="inputIds"/> are then only the
    /// tokens after those already fed, and the image embeddings are projected on the first call only.
    /// </param>
    public Tensor Decode(Tensor inputIds, Tensor? attentionMask, Tensor imageEmbeds, KeyValueCache? cache = null) =>
        text_decoder.forward(inputIds, attentionMask, imageEmbeds, cache);

    /// <summary>An empty key/value cache for <see cref="Decode"/>; the caller disposes it.</summary>
    public KeyValueCache NewDecodingCache() => text_decoder.NewCache();

    /// <summary>
    /// L_Cap, the captioning loss: mean token cross-entropy of predicting token t+1 from tokens ≤ t (teacher
    /// forcing), over target positions whose label is not −100 (padding and any prompt are masked that way).
    /// </summary>
    /// <param name="labels">(batch, length) int64: the input ids with ignored positions set to −100.</param>
    public Tensor CaptionLoss(Tensor pixels, Tensor inputIds, Tensor attentionMask, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var logits = Decode(inputIds, attentionMask, EncodeImage(pixels));
        long length = inputIds.shape[1];
        var predicted = logits.narrow(1, 0, length - 1).reshape(-1, logits.shape[2]);
        var targets = labels.narrow(1, 1, length - 1).reshape(-1);
        return nn.functional.cross_entropy(predicted, targets, ignore_index: -100).MoveToOuterDisposeScope();
    }
}
