using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>tanh(dense(h_[CLS])): Hugging Face's <c>BertPooler</c>, trained by next-sentence prediction.</summary>
public sealed class BertPooler : nn.Module
{
    readonly Linear dense;

    public BertPooler(BertConfig config) : base(nameof(BertPooler))
    {
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    /// <param name="hidden">(batch, length, hidden) last hidden states.</param>
    /// <returns>(batch, hidden).</returns>
    public Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return tanh(dense.call(hidden.select(1, 0))).MoveToOuterDisposeScope();
    }
}
