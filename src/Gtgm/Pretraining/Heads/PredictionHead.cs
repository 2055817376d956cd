using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Heads;

/// <summary>
/// The BYOL / SimSiam predictor: Linear - BatchNorm1d - ReLU - Linear (with bias), dim -> hidden -> dim.
/// BYOL uses hidden 4096 for d 256; SimSiam a bottleneck d/4. Parameters: linear1.*, bn1.*, linear2.*.
/// </summary>
public sealed class PredictionHead : nn.Module<Tensor, Tensor>
{
    readonly Linear linear1, linear2;
    readonly BatchNorm1d bn1;

    public PredictionHead(int dim, int hiddenDim) : base(nameof(PredictionHead))
    {
        linear1 = nn.Linear(dim, hiddenDim);
        bn1 = nn.BatchNorm1d(hiddenDim);
        linear2 = nn.Linear(hiddenDim, dim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return linear2.forward(nn.functional.relu(bn1.forward(linear1.forward(x)))).MoveToOuterDisposeScope();
    }
}
