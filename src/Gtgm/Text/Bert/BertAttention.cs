using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>
/// An attention block with its output projection and residual: Hugging Face's <c>BertAttention</c>
/// (keys <c>self.query</c>, <c>self.key</c>, <c>self.value</c>, <c>output.dense</c>, <c>output.LayerNorm</c>).
/// </summary>
public sealed class BertAttention : nn.Module
{
    // "self" is a C# keyword; the @ is not part of the field's name, so the key is "self.query".
    readonly BertSelfAttention @self;
    readonly BertOutput output;

    /// <param name="keyValueWidth">Hidden size for self-attention; the encoder's width for cross-attention.</param>
    public BertAttention(BertConfig config, int keyValueWidth) : base(nameof(BertAttention))
    {
        @self = new BertSelfAttention(config, keyValueWidth);
        output = new BertOutput(config, config.HiddenSize);
        RegisterComponents();
    }

    public Tensor forward(Tensor hidden, Tensor? mask = null, Tensor? keyValueStates = null)
    {
        using var scope = NewDisposeScope();
        return output.forward(@self.forward(hidden, mask, keyValueStates), hidden).MoveToOuterDisposeScope();
    }
}
