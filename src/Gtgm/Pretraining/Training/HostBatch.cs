using Gtgm.Pretraining.Objectives;
using static TorchSharp.torch;

namespace Gtgm.Pretraining.Training;

/// <summary>
/// A batch in host memory, as a data source produces it: two views [B, C, D, H, W] flattened (x fastest)
/// and, for text objectives, the caption embeddings [B, T].
/// </summary>
public sealed record HostBatch(float[] View1, float[] View2, long[] Shape, float[]? Text, int TextDim)
{
    public int Size => (int)Shape[0];

    public PretrainBatch ToDevice(Device device) => new(
        tensor(View1, Shape, device: device),
        tensor(View2, Shape, device: device),
        Text is null ? null : tensor(Text, new long[] { Shape[0], TextDim }, device: device));
}

/// <summary>
/// Where pretraining batches come from. Batch <c>index</c> must be a pure function of the source's seed and
/// the index (draw randomness from <see cref="Gtgm.Platform.Rng.Stream"/>(seed, name, index)): that is what
/// lets a resumed run see exactly the batches an uninterrupted one would, and lets the trainer prefetch.
/// Safe to call from a background thread.
/// </summary>
public interface IPretrainDataSource
{
    /// <summary>Size of the caption embeddings in each batch; 0 when the source carries no text.</summary>
    int TextDim { get; }

    HostBatch GetBatch(long index, int batchSize);
}
