using TorchSharp;
using static TorchSharp.torch;

namespace Gtgm.Segmentation.Inference;

/// <summary>
/// Sliding-window inference over a whole volume, as nnU-Net does it.
/// <list type="bullet">
/// <item>Windows: along each axis, n = ⌈(size − window) / (window·(1 − overlap))⌉ + 1 starts spread evenly from 0
/// to size − window, so the first and last windows sit flush with the borders. A volume smaller than the
/// window is zero-padded (symmetrically) and the padding cropped off again.</item>
/// <item>Each window's output is weighted by a Gaussian importance map (σ = window/8 per axis, peak 1), since a
/// convolutional net sees least context at a window's edge, and the stitched result is Σ w·out / Σ w.</item>
/// <item>Windows are predicted <see cref="BatchSize"/> at a time on the model's device; their outputs are moved to
/// the CPU at once and accumulated there, so device memory holds one batch of windows whatever the volume size.</item>
/// </list>
/// </summary>
public sealed class SlidingWindowInferer
{
    public int[] Window { get; }
    public double Overlap { get; }
    public int BatchSize { get; }

    /// <param name="window">Window extent (z, y, x).</param>
    /// <param name="overlap">Fraction of a window shared with its neighbour, in [0, 1).</param>
    /// <param name="batchSize">Windows per forward pass.</param>
    public SlidingWindowInferer(int[] window, double overlap = 0.5, int batchSize = 1)
    {
        if (window.Length != 3 || window.Any(w => w < 1)) throw new ArgumentException("The window needs three positive extents (z, y, x).");
        if (!(overlap >= 0 && overlap < 1)) throw new ArgumentException($"Overlap {overlap} must be in [0, 1).");
        if (batchSize < 1) throw new ArgumentException("Batch size must be at least 1.");
        Window = (int[])window.Clone();
        Overlap = overlap;
        BatchSize = batchSize;
    }

    /// <summary>Start indices of the windows along one axis of length <paramref name="size"/> (≥ window).</summary>
    public static int[] Starts(int size, int window, double overlap)
    {
        if (size <= window) return new[] { 0 };
        double step = window * (1 - overlap);
        int count = (int)Math.Ceiling((size - window) / Math.Max(step, 1e-9)) + 1;
        double actual = (double)(size - window) / (count - 1);
        return Enumerable.Range(0, count).Select(i => (int)Math.Round(actual * i)).ToArray();
    }

    /// <summary>exp(−d²/2σ²) per axis, σ = window/8, multiplied over axes; [D, H, W], peak 1 at the centre.</summary>
    public static Tensor GaussianImportance(int[] window)
    {
        var axes = new Tensor[3];
        for (int a = 0; a < 3; a++)
        {
            double sigma = window[a] / 8.0, centre = (window[a] - 1) / 2.0;
            var values = Enumerable.Range(0, window[a]).Select(i => (float)Math.Exp(-(i - centre) * (i - centre) / (2 * sigma * sigma))).ToArray();
            axes[a] = tensor(values);
        }
        var map = axes[0].view(-1, 1, 1) * axes[1].view(1, -1, 1) * axes[2].view(1, 1, -1);
        var result = map / map.max();
        foreach (var t in axes) t.Dispose();
        map.Dispose();
        return result;
    }

    /// <summary>
    /// Runs <paramref name="predict"/> ([B, C, window] on its device → [B, K, window], e.g. softmax probabilities)
    /// over <paramref name="image"/> ([C, D, H, W], CPU) and returns the stitched [K, D, H, W] on the CPU.
    /// </summary>
    public Tensor Run(Tensor image, Func<Tensor, Tensor> predict, Device device, IProgress<int>? windowsDone = null)
    {
        if (image.dim() != 4) throw new ArgumentException($"Expected an image [C, D, H, W], got [{string.Join(", ", image.shape)}].");
        var shape = new[] { (int)image.shape[1], (int)image.shape[2], (int)image.shape[3] };
        var padBefore = new int[3];
        var padded = new int[3];
        for (int a = 0; a < 3; a++)
        {
            padded[a] = Math.Max(shape[a], Window[a]);
            padBefore[a] = (padded[a] - shape[a]) / 2;
        }
        using var input = padded.SequenceEqual(shape) ? image.alias() : nn.functional.pad(image,
            new long[] { padBefore[2], padded[2] - shape[2] - padBefore[2], padBefore[1], padded[1] - shape[1] - padBefore[1], padBefore[0], padded[0] - shape[0] - padBefore[0] });

        var starts = new int[3][];
        for (int a = 0; a < 3; a++) starts[a] = Starts(padded[a], Window[a], Overlap);
        var windows = (from z in starts[0] from y in starts[1] from x in starts[2] select (z, y, x)).ToList();

        using var importance = GaussianImportance(Window);
        using var weight = zeros(padded[0], padded[1], padded[2]);
        Tensor? sum = null;
        try
        {
            for (int first = 0; first < windows.Count; first += BatchSize)
            {
                using var scope = NewDisposeScope();
                var batch = windows.Skip(first).Take(BatchSize).ToList();
                var crops = batch.Select(s => input[.., s.z..(s.z + Window[0]), s.y..(s.y + Window[1]), s.x..(s.x + Window[2])]).ToArray();
                Tensor output;
                using (no_grad()) output = predict(stack(crops).to(device)).to(float32, CPU);
                if (sum is null)
                {
                    sum = zeros(output.shape[1], padded[0], padded[1], padded[2]);
                    sum.MoveToOuterDisposeScope();
                }
                for (int b = 0; b < batch.Count; b++)
                {
                    var (z, y, x) = batch[b];
                    var zr = z..(z + Window[0]);
                    var yr = y..(y + Window[1]);
                    var xr = x..(x + Window[2]);
                    sum[.., zr, yr, xr].add_(output[b] * importance);
                    weight[zr, yr, xr].add_(importance);
                }
                windowsDone?.Report(first + batch.Count);
            }
            sum!.div_(weight);
            using var cropped = sum[.., padBefore[0]..(padBefore[0] + shape[0]), padBefore[1]..(padBefore[1] + shape[1]), padBefore[2]..(padBefore[2] + shape[2])];
            return cropped.contiguous();
        }
        finally
        {
            sum?.Dispose();
        }
    }
}
