using TorchSharp;
using TorchSharp.Modules;
using Gtgm.Text.Bert;
using static TorchSharp.torch;

namespace Gtgm.Text.Blip;

/// <summary>dense → activation → LayerNorm: <c>BlipTextPredictionHeadTransform</c>.</summary>
public sealed class BlipPredictionHeadTransform : nn.Module
{
    readonly Linear dense;
    readonly LayerNorm LayerNorm;
    readonly Func<Tensor, Tensor> activation;

    public BlipPredictionHeadTransform(BertConfig config) : base(nameof(BlipPredictionHeadTransform))
    {
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, eps: config.LayerNormEps);
        activation = BertActivation.Resolve(config.HiddenAct);
        RegisterComponents();
    }

    public Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return LayerNorm.call(activation(dense.call(x))).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// Vocabulary logits: <c>BlipTextLMPredictionHead</c>. As in transformers, the output bias is a separate
/// parameter (<c>bias</c>) that <c>decoder.bias</c> aliases; it is stored once, under <c>cls.predictions.bias</c>.
/// </summary>
public sealed class BlipLMPredictionHead : nn.Module
{
    readonly BlipPredictionHeadTransform transform;
    readonly Linear decoder;
    readonly Parameter bias;

    public BlipLMPredictionHead(BertConfig config) : base(nameof(BlipLMPredictionHead))
    {
        transform = new BlipPredictionHeadTransform(config);
        decoder = nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false);
        bias = nn.Parameter(zeros(config.VocabSize));
        RegisterComponents();
    }

    public Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return (decoder.call(transform.forward(hidden)) + bias).MoveToOuterDisposeScope();
    }
}

/// <summary>The wrapper that gives the keys their <c>cls.predictions.</c> prefix: <c>BlipTextOnlyMLMHead</c>.</summary>
public sealed class BlipOnlyMlmHead : nn.Module
{
    readonly BlipLMPredictionHead predictions;

    public BlipOnlyMlmHead(BertConfig config) : base(nameof(BlipOnlyMlmHead))
    {
        predictions = new BlipLMPredictionHead(config);
        RegisterComponents();
    }

    public Tensor forward(Tensor hidden) => predictions.forward(hidden);
}

/// <summary>
/// BLIP's text decoder, <c>BlipTextLMHeadModel</c>: a causal BERT (<c>bert</c>, no pooler) whose layers
/// cross-attend to the image embeddings, and the language-model head (<c>cls</c>).
/// </summary>
public sealed class BlipTextDecoder : nn.Module
{
    readonly BertModel bert;
    readonly BlipOnlyMlmHead cls;

    public BlipTextDecoder(BertConfig config) : base(nameof(BlipTextDecoder))
    {
        bert = new BertModel(config, addPoolingLayer: false);
        cls = new BlipOnlyMlmHead(config);
        RegisterComponents();
    }

    /// <param name="inputIds">(batch, length) int64, starting with the [DEC] token.</param>
    /// <param name="attentionMask">(batch, length) 1 for tokens, 0 for padding; null: all tokens.</param>
    /// <param name="imageEmbeds">(batch, image tokens, vision width).</param>
    /// <param name="cache">Incremental decoding state from <see cref="NewCache"/>, or null (see <see cref="BertModel.forward"/>).</param>
    /// <returns>(batch, length, vocab) next-token logits.</returns>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask, Tensor imageEmbeds, KeyValueCache? cache = null)
    {
        using var scope = NewDisposeScope();
        var hidden = bert.forward(inputIds, attentionMask, encoderStates: imageEmbeds, cache: cache);
        return cls.forward(hidden).MoveToOuterDisposeScope();
    }

    public KeyValueCache NewCache() => bert.NewCache();
}
