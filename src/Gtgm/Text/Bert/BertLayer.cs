using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>
/// One transformer layer: self-attention, optional cross-attention over encoder states, feed-forward.
/// Hugging Face's <c>BertLayer</c> (keys <c>attention.*</c>, <c>crossattention.*</c>, <c>intermediate.dense</c>,
/// <c>output.dense</c>, <c>output.LayerNorm</c>).
/// </summary>
public sealed class BertLayer : nn.Module
{
    readonly BertAttention attention;
    readonly BertAttention? crossattention;
    readonly BertIntermediate intermediate;
    readonly BertOutput output;

    public BertLayer(BertConfig config) : base(nameof(BertLayer))
    {
        attention = new BertAttention(config, config.HiddenSize);
        if (config.AddCrossAttention) crossattention = new BertAttention(config, config.EncoderWidth ?? config.HiddenSize);
        intermediate = new BertIntermediate(config);
        output = new BertOutput(config, config.IntermediateSize);
        RegisterComponents();
    }

    public bool HasCrossAttention => crossattention is not null;

    /// <param name="hidden">(batch, length, hidden).</param>
    /// <param name="mask">Additive self-attention mask (see <see cref="AttentionMask"/>), or null.</param>
    /// <param name="encoderStates">(batch, encoder length, encoder width); required with cross-attention, ignored without.</param>
    /// <param name="encoderMask">Additive mask over the encoder states, or null to attend to all of them.</param>
    public Tensor forward(Tensor hidden, Tensor? mask = null, Tensor? encoderStates = null, Tensor? encoderMask = null)
    {
        using var scope = NewDisposeScope();
        var x = attention.forward(hidden, mask);
        if (crossattention is not null)
        {
            if (encoderStates is null) throw new ArgumentException("this layer has cross-attention: pass the encoder states", nameof(encoderStates));
            x = crossattention.forward(x, encoderMask, encoderStates);
        }
        return output.forward(intermediate.forward(x), x).MoveToOuterDisposeScope();
    }
}
