using static TorchSharp.torch;

namespace Gtgm.Pretraining.Objectives;

/// <summary>
/// One training batch on the device: two augmented views of the same B crops, [B, C, D, H, W] each, and
/// the frozen text embedding of each crop's caption, [B, T] (null for objectives that use no text).
/// </summary>
public sealed record PretrainBatch(Tensor View1, Tensor View2, Tensor? Text);

/// <summary>
/// What an objective returns for one batch: the loss to back-propagate, each named term (detached scalars,
/// the metric names of metrics.jsonl), and the in-batch image-text top-1 accuracy when text is involved.
/// </summary>
public sealed record ObjectiveOutput(Tensor Loss, IReadOnlyDictionary<string, Tensor> Terms, double? ImageTextTop1);
