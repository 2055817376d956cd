using Gtgm.Imaging;
using Gtgm.Transforms;
using Gtgm.Transforms.Augmentation;
using static TorchSharp.torch;

namespace Gtgm.Connectomics.Training;

/// <summary>One training batch: raw [B, 1, D, H, W] and target affinities and mask [B, 3, D, H, W], flattened.</summary>
public sealed record AffinityBatch(float[] Raw, float[] Affinities, float[] Mask, int Size, (int D, int H, int W) Patch)
{
    public (Tensor Raw, Tensor Affinities, Tensor Mask) ToTensors(Device device)
    {
        long[] shape1 = { Size, 1, Patch.D, Patch.H, Patch.W }, shape3 = { Size, AffinityGraph.Axes, Patch.D, Patch.H, Patch.W };
        return (tensor(Raw, shape1).to(device), tensor(Affinities, shape3).to(device), tensor(Mask, shape3).to(device));
    }
}

/// <summary>
/// Draws affinity training batches: uniformly random patches, then in x and y a random flip per axis and, for
/// square patches, a random x/y transpose, applied to raw and labels together. The target affinities are computed
/// from the augmented labels, never flipped themselves: an affinity links a voxel with its neighbour one step
/// back, and mirroring an axis would turn that into the neighbour one step ahead.
/// </summary>
public sealed class AffinityBatchSampler
{
    readonly UniformCrop _crop;
    readonly RandomFlip _flip = new(0.5, z: false, y: true, x: true);
    readonly ZeroLabel _zero;

    public AffinityBatchSampler((int D, int H, int W) patch, ZeroLabel zero)
    {
        _crop = new UniformCrop(patch);
        _zero = zero;
    }

    public AffinityBatch Sample(EmVolume volume, int batchSize, Random rng)
    {
        var (d, h, w) = _crop.Size;
        int voxels = d * h * w;
        var raw = new float[batchSize * voxels];
        var affinities = new float[batchSize * AffinityGraph.Axes * voxels];
        var mask = new float[affinities.Length];
        for (int b = 0; b < batchSize; b++)
        {
            var patch = _flip.Apply(_crop.Sample(volume.Raw, volume.Labels, rng), rng);
            // Always draw, so the stream does not depend on the patch shape.
            bool transpose = rng.NextDouble() < 0.5;
            if (transpose && h == w) patch = patch.Reordered(AxisReorder.TransposeXY);
            var (a, m) = AffinityTargets.Compute(new LabelVolume(VolumeGeometry.Axial(d, h, w), patch.Labels!), _zero);
            patch.Image.CopyTo(raw, b * voxels);
            a.Data.CopyTo(affinities, b * a.Data.Length);
            m.Data.CopyTo(mask, b * m.Data.Length);
        }
        return new AffinityBatch(raw, affinities, mask, batchSize, (d, h, w));
    }
}
