using Gtgm.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Objectives;

/// <summary>
/// A pretraining objective owns the encoder being pretrained and every head it trains with, so one
/// state dict (encoder.*, image_projector.*, ...) checkpoints all of it. The encoder's own parameters are
/// under the prefix <c>encoder.</c>; <c>gtgm export-encoder</c> strips that prefix.
/// </summary>
public abstract class PretrainObjective : nn.Module
{
    public const string EncoderPrefix = "encoder.";

    protected PretrainObjective(string name) : base(name) { }

    public abstract ObjectiveKind Kind { get; }

    public abstract Encoder3D Encoder { get; }

    /// <summary>Whether batches must carry caption text embeddings.</summary>
    public abstract bool UsesText { get; }

    public abstract ObjectiveOutput Compute(PretrainBatch batch);

    /// <summary>Parameters the optimizer updates (frozen ones, e.g. BYOL's EMA target, excluded).</summary>
    public IEnumerable<Parameter> TrainableParameters() => parameters().Where(p => p.requires_grad);

    /// <summary>Called after each optimizer step (BYOL moves its target network here).</summary>
    public virtual void AfterOptimizerStep(long step, long totalSteps) { }

    /// <summary>Wraps an encoder's pooled output; exists so objectives agree on how features are taken.</summary>
    protected Tensor Pooled(Tensor view) => Encoder.forward(view);
}
