using Gtgm.Platform;
using Gtgm.Pretraining.Training;

namespace Gtgm.Tests.Pretraining;

/// <summary>
/// A deterministic pretraining source for tests: each crop shows one of four shapes (ball, hollow shell,
/// bar along x, bar along y) at a random position and brightness on a noisy background; its "caption embedding"
/// is a fixed random unit vector per shape (standing in for a frozen text encoder's embedding of "a ball",
/// ...). The two views share the crop and differ by noise and an intensity jitter.
/// </summary>
sealed class ShapePhantomSource : IPretrainDataSource
{
    public const int Classes = 4;
    public const int D = 8, H = 32, W = 32;
    readonly int _seed;
    readonly float[][] _textByClass;

    public ShapePhantomSource(int seed, int textDim = 8)
    {
        _seed = seed;
        TextDim = textDim;
        var r = Rng.Stream(0, "phantom-text");
        _textByClass = Enumerable.Range(0, Classes).Select(_ =>
        {
            var v = Enumerable.Range(0, textDim).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
            float n = MathF.Sqrt(v.Sum(x => x * x));
            return v.Select(x => x / n).ToArray();
        }).ToArray();
    }

    public int TextDim { get; }

    public HostBatch GetBatch(long index, int batchSize) => Make(Rng.Stream(_seed, "phantom-batch", index), batchSize, out _);

    /// <summary>A batch with known classes (for retrieval evaluation).</summary>
    public HostBatch Labelled(long index, int batchSize, out int[] classes) =>
        Make(Rng.Stream(_seed, "phantom-heldout", index), batchSize, out classes);

    public float[] TextOf(int cls) => _textByClass[cls];

    HostBatch Make(Random r, int batchSize, out int[] classes)
    {
        int n = D * H * W;
        var v1 = new float[batchSize * n];
        var v2 = new float[batchSize * n];
        var text = new float[batchSize * TextDim];
        classes = new int[batchSize];
        for (int b = 0; b < batchSize; b++)
        {
            int cls = r.Next(Classes);
            classes[b] = cls;
            double cz = 3 + r.NextDouble() * 2, cy = 10 + r.NextDouble() * 12, cx = 10 + r.NextDouble() * 12;
            double bright = 0.6 + 0.4 * r.NextDouble();
            var crop = new float[n];
            for (int z = 0; z < D; z++)
            for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
            {
                double dz = (z - cz) * 2, dy = y - cy, dx = x - cx;
                bool inside = cls switch
                {
                    0 => dz * dz + dy * dy + dx * dx < 36,
                    1 => dz * dz + dy * dy + dx * dx is > 25 and < 64,
                    2 => Math.Abs(dz) < 3 && Math.Abs(dy) < 2 && Math.Abs(dx) < 9,
                    _ => Math.Abs(dz) < 3 && Math.Abs(dy) < 9 && Math.Abs(dx) < 2,
                };
                crop[(z * H + y) * W + x] = inside ? (float)bright : 0f;
            }
            foreach (var (view, offset) in new[] { (v1, b * n), (v2, b * n) })
            {
                float gain = (float)(0.9 + 0.2 * r.NextDouble());
                for (int i = 0; i < n; i++) view[offset + i] = crop[i] * gain + (float)(0.1 * (r.NextDouble() - 0.5));
            }
            Array.Copy(_textByClass[cls], 0, text, b * TextDim, TextDim);
        }
        return new HostBatch(v1, v2, new long[] { batchSize, 1, D, H, W }, text, TextDim);
    }
}
