using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>The feed-forward expansion and nonlinearity: Hugging Face's <c>BertIntermediate</c>.</summary>
public sealed class BertIntermediate : nn.Module
{
    readonly Linear dense;
    readonly Func<Tensor, Tensor> activation;

    public BertIntermediate(BertConfig config) : base(nameof(BertIntermediate))
    {
        dense = nn.Linear(config.HiddenSize, config.IntermediateSize);
        activation = BertActivation.Resolve(config.HiddenAct);
        RegisterComponents();
    }

    public Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return activation(dense.call(hidden)).MoveToOuterDisposeScope();
    }
}
