using Gtgm.Bench.Harness;
using Gtgm.Networks;
using Gtgm.Networks.Layers;
using Gtgm.Segmentation.Inference;
using Gtgm.Segmentation.Networks;
using static TorchSharp.torch;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// Sliding-window inference throughput on a 256³ volume (quick: 64³): input voxels per second through
/// <see cref="SlidingWindowInferer"/> with Gaussian weighting at overlap 0.5, (a) with a small segmentation net
/// (ResNet-10 at width 0.125 + U-Net decoder, bf16 convolutions where the CPU accelerates them, else fp32, 64³
/// windows; quick: 32³), and (b) with a 1×1×1
/// convolution instead, which leaves the window cutting and CPU stitching alone. Peak resident memory of each is
/// reported: stitching keeps one K×volume accumulator and one weight map, so memory stays bounded by the output.
/// No peer: MONAI (whose <c>sliding_window_inference</c> this mirrors) is not installable here.
/// </summary>
public sealed class SlidingWindowBenchmark : IBenchmark
{
    public string Name => "sliding-window";
    public string Description => "sliding-window segmentation inference, voxels/s on a 256^3 volume (quick: 64^3), peak memory";

    public IEnumerable<BenchmarkResult> Run(BenchmarkContext context)
    {
        int size = context.Quick ? 64 : 256, window = context.Quick ? 32 : 64;
        const int classes = 3;
        using var image = randn(new long[] { 1, size, size, size });
        var inferer = new SlidingWindowInferer(new[] { window, window, window }, 0.5, batchSize: 2);
        int windows = (int)Math.Pow(SlidingWindowInferer.Starts(size, window, 0.5).Length, 3);
        long voxels = (long)size * size * size;

        using var net = new SegmentationNet(EncoderRegistry.Create("resnet10", 1, 0.125), classes);
        var (precision, precisionLabel) = Precisions.Fastest;
        MixedPrecision.Apply(net, precision);
        net.eval();
        using var pointwise = nn.Conv3d(1, classes, 1);
        foreach (var (label, model) in new (string, nn.Module<Tensor, Tensor>)[] { ($"resnet10 w0.125 + U-Net, {precisionLabel}", net), ("1x1x1 conv (stitching only)", pointwise) })
        {
            context.Say($"[{Name}] {size}^3, {windows} windows of {window}^3: {label}");
            ProcessMemory.ResetPeak();
            var timing = Measure.Alternate(() =>
            {
                using var result = inferer.Run(image, x => nn.functional.softmax(model.forward(x), 1), CPU);
            }, null, context.Repetitions, warmup: context.Quick ? 0 : 1);
            double? peak = ProcessMemory.PeakResidentMiB();
            yield return new BenchmarkResult(Name, $"{size}^3 volume, {window}^3 windows, overlap 0.5: {label}", "Mvox/s",
                voxels / timing.Ours / 1e6, null, null,
                Note: $"{windows} windows, {timing.Ours:0.00} s median of {timing.OursSamples.Count}; peak RSS {peak:0} MiB; threads {context.Threads}");
        }
    }
}
