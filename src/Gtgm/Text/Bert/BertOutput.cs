using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>
/// Projection back to the hidden size, dropout, residual and LayerNorm. Hugging Face has two identical
/// classes for this (<c>BertSelfOutput</c> after attention, <c>BertOutput</c> after the feed-forward); they
/// differ only in the input width, so one class serves both.
/// </summary>
public sealed class BertOutput : nn.Module
{
    readonly Linear dense;
    readonly LayerNorm LayerNorm;
    readonly double dropout;

    public BertOutput(BertConfig config, int inputWidth) : base(nameof(BertOutput))
    {
        dense = nn.Linear(inputWidth, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, eps: config.LayerNormEps);
        dropout = config.HiddenDropoutProb;
        RegisterComponents();
    }

    public Tensor forward(Tensor input, Tensor residual)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.dropout(dense.call(input), dropout, training);
        return LayerNorm.call(x + residual).MoveToOuterDisposeScope();
    }
}
