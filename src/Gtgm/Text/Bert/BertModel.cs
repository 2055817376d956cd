using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>
/// A BERT with the parameter names of Hugging Face's <c>BertModel</c> (<c>embeddings.*</c>,
/// <c>encoder.layer.N.*</c>, <c>pooler.dense.*</c>), so its <c>model.safetensors</c> loads by name
///. With <see cref="BertConfig.IsDecoder"/> self-attention is causal and with
/// <see cref="BertConfig.AddCrossAttention"/> each layer attends to encoder states: BLIP's text decoder.
/// </summary>
public sealed class BertModel : nn.Module
{
    readonly BertEmbeddings embeddings;
    readonly BertEncoder encoder;
    readonly BertPooler? pooler;

    public BertModel(BertConfig config, bool addPoolingLayer = true) : base(nameof(BertModel))
    {
        Config = config;
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoder(config);
        if (addPoolingLayer) pooler = new BertPooler(config);
        RegisterComponents();
    }

    public BertConfig Config { get; }
    public BertEmbeddings Embeddings => embeddings;
    public BertEncoder Encoder => encoder;
    public BertPooler? Pooler => pooler;

    /// <param name="inputIds">(batch, length) int64.</param>
    /// <param name="attentionMask">(batch, length) 1 for real tokens, 0 for padding; null means all real.</param>
    /// <param name="tokenTypeIds">(batch, length) segment ids, or null for all zeros.</param>
    /// <param name="encoderStates">(batch, encoder length, encoder width) for cross-attention, or null.</param>
    /// <param name="encoderAttentionMask">(batch, encoder length) 0/1 mask over the encoder states, or null.</param>
    /// <returns>(batch, length, hidden): the last layer's hidden states.</returns>
    public Tensor forward(Tensor inputIds, Tensor? attentionMask = null, Tensor? tokenTypeIds = null,
        Tensor? encoderStates = null, Tensor? encoderAttentionMask = null)
    {
        using var scope = NewDisposeScope();
        var x = embeddings.forward(inputIds, tokenTypeIds);
        var mask = attentionMask ?? ones(inputIds.shape, ScalarType.Int64, device: inputIds.device);
        var selfMask = AttentionMask.Extended(mask, Config.IsDecoder, x.dtype);
        var crossMask = encoderAttentionMask is null ? null : AttentionMask.Extended(encoderAttentionMask, causal: false, x.dtype);
        return encoder.forward(x, selfMask, encoderStates, crossMask).MoveToOuterDisposeScope();
    }

    /// <summary>The pooler output tanh(W h_[CLS] + b); throws when the model was built without a pooler.</summary>
    public Tensor Pool(Tensor lastHidden) =>
        (pooler ?? throw new InvalidOperationException("this BertModel has no pooling layer")).forward(lastHidden);
}
