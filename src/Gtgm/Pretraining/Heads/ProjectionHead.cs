using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Heads;

/// <summary>
/// GTGM's projector: Linear - BatchNorm1d - ReLU - Linear - BatchNorm1d(affine=False), from an encoder's
/// pooled features (or a frozen text encoder's embedding) into the shared space of size <c>outDim</c>
/// (default 512). The final affine-free BN standardises each output feature over the batch, which is what
/// the Barlow Twins term expects. Parameters: linear1.weight, linear1.bias, bn1.*, linear2.weight,
/// linear2.bias, bn2.running_mean/var. Needs batches of at least 2 in training mode.
/// </summary>
public sealed class ProjectionHead : nn.Module<Tensor, Tensor>
{
    public const int DefaultDim = 512;
    readonly Linear linear1, linear2;
    readonly BatchNorm1d bn1, bn2;

    public int InputDim { get; }
    public int OutputDim { get; }

    public ProjectionHead(int inputDim, int outputDim = DefaultDim, int? hiddenDim = null) : base(nameof(ProjectionHead))
    {
        InputDim = inputDim;
        OutputDim = outputDim;
        int hidden = hiddenDim ?? outputDim;
        linear1 = nn.Linear(inputDim, hidden);
        bn1 = nn.BatchNorm1d(hidden);
        linear2 = nn.Linear(hidden, outputDim);
        bn2 = nn.BatchNorm1d(outputDim, affine: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(bn1.forward(linear1.forward(x)));
        return bn2.forward(linear2.forward(h)).MoveToOuterDisposeScope();
    }
}
