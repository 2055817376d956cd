using Gtgm.Networks.ResNet;

namespace Gtgm.Bench.Benchmarks;

/// <summary>One convolution of a network with its input and output sizes ([B, C, D, H, W]) and forward cost.</summary>
/// <param name="ForwardFlops">2 * Cin * k^3 * output elements (a multiply and an add per weight per output).</param>
public sealed record ConvCost(string Name, long InChannels, long OutChannels, long[] Kernel, long[] Stride, long[] Padding,
    long[] InputShape, long[] OutputShape, double ForwardFlops)
{
    /// <summary>
    /// Bytes a forward call must at least move: input, weight and output once each. FLOPs per such byte (the
    /// arithmetic intensity) tells a compute-bound layer from a memory-bound one.
    /// </summary>
    public double MinimumBytes(int elementSize) =>
        (double)elementSize * (Count(InputShape) + OutChannels * InChannels * Count(Kernel) + Count(OutputShape));

    static long Count(long[] shape) => shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Same shapes, strides and padding: the same kernel call, whatever the layer's name.</summary>
    public string Signature =>
        $"{InChannels}->{OutChannels} k{string.Join('x', Kernel)} s{string.Join('x', Stride)} in {string.Join('x', InputShape[2..])}";
}

/// <summary>
/// Convolution FLOPs of <see cref="ResNet3D"/>, counted analytically from its architecture (stem, stages, shortcut
/// convolutions) for an input size. The PyTorch peer counts the same with forward hooks, and the training-step
/// benchmark checks that both counts agree. Batch norm, ReLU, pooling and the optimizer are not counted: they are
/// a few FLOPs per element, memory-bound, and MFU conventionally counts only the matrix work.
/// </summary>
public static class ResNetFlops
{
    public static IReadOnlyList<ConvCost> Convolutions(ResNetBlockKind block, IReadOnlyList<int> depths, int inChannels, double width, int batch, long[] size)
    {
        var convs = new List<ConvCost>();
        long[] shape = size;
        ConvCost Add(string name, long cin, long cout, long[] k, long[] s, long[] p, long[] input)
        {
            var outShape = new long[3];
            for (int d = 0; d < 3; d++) outShape[d] = (input[d] + 2 * p[d] - k[d]) / s[d] + 1;
            var full = new long[] { batch, cout, outShape[0], outShape[1], outShape[2] };
            var cost = new ConvCost(name, cin, cout, k, s, p, new long[] { batch, cin, input[0], input[1], input[2] }, full,
                2.0 * cin * k[0] * k[1] * k[2] * full.Aggregate(1L, (a, b) => a * b));
            convs.Add(cost);
            return cost;
        }
        static long[] Cube(long v) => new[] { v, v, v };
        static long[] Spatial(ConvCost c) => c.OutputShape[2..];

        long basePlanes = Math.Max(1, (int)Math.Round(64 * width));
        shape = Spatial(Add("conv1", inChannels, basePlanes, new long[] { 3, 7, 7 }, new long[] { 1, 2, 2 }, new long[] { 1, 3, 3 }, shape));
        // max-pool kernel 3, stride (1,2,2), padding 1
        shape = new[] { (shape[0] + 2 - 3) / 1 + 1, (shape[1] + 2 - 3) / 2 + 1, (shape[2] + 2 - 3) / 2 + 1 };
        long inC = basePlanes;
        int expansion = block == ResNetBlockKind.Basic ? BasicBlock3D.Expansion : BottleneckBlock3D.Expansion;
        for (int s = 0; s < 4; s++)
        {
            long planes = basePlanes << s;
            for (int b = 0; b < depths[s]; b++)
            {
                long stride = b == 0 && s > 0 ? 2 : 1;
                string n = $"layer{s + 1}.{b}";
                long[] input = shape;
                if (block == ResNetBlockKind.Basic)
                {
                    shape = Spatial(Add($"{n}.conv1", inC, planes, Cube(3), Cube(stride), Cube(1), input));
                    shape = Spatial(Add($"{n}.conv2", planes, planes, Cube(3), Cube(1), Cube(1), shape));
                }
                else
                {
                    shape = Spatial(Add($"{n}.conv1", inC, planes, Cube(1), Cube(1), Cube(0), input));
                    shape = Spatial(Add($"{n}.conv2", planes, planes, Cube(3), Cube(stride), Cube(1), shape));
                    shape = Spatial(Add($"{n}.conv3", planes, planes * expansion, Cube(1), Cube(1), Cube(0), shape));
                }
                if (stride != 1 || inC != planes * expansion)
                    Add($"{n}.downsample.0", inC, planes * expansion, Cube(1), Cube(stride), Cube(0), input);
                inC = planes * expansion;
            }
        }
        return convs;
    }

    /// <summary>
    /// FLOPs of one training step: forward, plus the weight gradient (as costly as the forward) for every
    /// convolution, plus the input gradient for every convolution but the first (the image needs no gradient).
    /// </summary>
    public static double TrainingStep(IReadOnlyList<ConvCost> convs) =>
        convs.Sum(c => c.ForwardFlops) * 3 - convs[0].ForwardFlops;
}
