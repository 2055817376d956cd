using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>The stack of layers, keys <c>layer.0</c>, <c>layer.1</c>, ...: Hugging Face's <c>BertEncoder</c>.</summary>
public sealed class BertEncoder : nn.Module
{
    readonly ModuleList<BertLayer> layer;

    public BertEncoder(BertConfig config) : base(nameof(BertEncoder))
    {
        layer = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new BertLayer(config)).ToArray());
        RegisterComponents();
    }

    public IReadOnlyList<BertLayer> Layers => layer.ToList();

    public Tensor forward(Tensor hidden, Tensor? mask = null, Tensor? encoderStates = null, Tensor? encoderMask = null)
    {
        using var scope = NewDisposeScope();
        var x = hidden;
        foreach (var l in layer) x = l.forward(x, mask, encoderStates, encoderMask);
        return x.MoveToOuterDisposeScope();
    }
}
