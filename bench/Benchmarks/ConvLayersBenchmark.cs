using System.Text.Json;
using Gtgm.Bench.Harness;
using Gtgm.Networks.ResNet;
using static TorchSharp.torch;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// Profile behind the training-step figures: every distinct convolution of the 3-D ResNet-18 (same shapes as
/// the training-step benchmark), forward plus backward (input and weight gradients) of one conv3d call, ours
/// against PyTorch, fp32 and bf16. The last row per configuration weights each layer by how often the network
/// uses it: the total convolution time of one training step, to set against the whole step's time.
/// </summary>
public sealed class ConvLayersBenchmark : IBenchmark
{
    public string Name => "conv-layers";
    public string Description => "per-layer conv3d fwd+bwd GFLOP/s of the ResNet-18 step, fp32 and bf16, vs PyTorch";

    public IEnumerable<BenchmarkResult> Run(BenchmarkContext context)
    {
        var configs = context.Quick
            ? new[] { (Width: 0.125, Batch: 1, Size: 16L) }
            : new[] { (Width: 0.5, Batch: 2, Size: 64L), (Width: 1.0, Batch: 2, Size: 64L) };
        var peer = PythonPeer.Ensure("python3-torch");
        using var session = peer.Available ? peer.Start("conv_layers.py", "--threads", context.Threads.ToString()) : null;
        var precisions = Precisions.For(context, Name);
        foreach (var (width, batch, size) in configs)
        foreach (string precision in precisions)
        {
            var convs = ResNetFlops.Convolutions(ResNetBlockKind.Basic, new[] { 2, 2, 2, 2 }, 1, width, batch, new[] { size, size, size });
            double oursTotal = 0, peerTotal = 0, flopsTotal = 0;
            foreach (var group in convs.GroupBy(c => c.Signature))
            {
                var conv = group.First();
                context.Say($"[{Name}] w{width:0.###} {precision} {conv.Signature} (x{group.Count()})");
                var t = Time(conv, precision, context, session);
                double flops = 3 * conv.ForwardFlops;
                oursTotal += t.Ours * group.Count();
                peerTotal += (t.Peer ?? 0) * group.Count();
                flopsTotal += flops * group.Count();
                yield return new BenchmarkResult(Name, $"w{width:0.###} {precision} {conv.Name} {conv.Signature}", "GFLOP/s",
                    flops / t.Ours / 1e9, t.Peer is double p ? flops / p / 1e9 : null, peer.Label,
                    Note: $"used {group.Count()}x per step; {t.Ours * 1e3:0.#} ms vs {t.Peer * 1e3:0.#} ms; " +
                        $"{conv.ForwardFlops / conv.MinimumBytes(precision == "bf16" ? 2 : 4):0} FLOP/byte forward");
            }
            yield return new BenchmarkResult(Name, $"w{width:0.###} {precision} all convs of one step ({batch}x1x{size}^3)", "s",
                oursTotal, session == null ? null : peerTotal, peer.Label, HigherIsBetter: false,
                Note: $"sum over layers of fwd+bwd time x uses; {flopsTotal / 1e9:0.#} GFLOP");
        }
    }

    static AlternateTiming Time(ConvCost conv, string precision, BenchmarkContext context, PeerSession? session)
    {
        using var scope = NewDisposeScope();
        var dtype = MatmulPeak.DType(precision);
        var x = randn(conv.InputShape).to(dtype).requires_grad_(true);
        var w = randn(new[] { conv.OutChannels, conv.InChannels }.Concat(conv.Kernel).ToArray()).to(dtype).requires_grad_(true);
        var g = ones(conv.OutputShape, dtype);
        session?.Request(JsonSerializer.Serialize(new
        {
            op = "setup", input = conv.InputShape, cout = conv.OutChannels, kernel = conv.Kernel, stride = conv.Stride,
            padding = conv.Padding, precision,
        }));
        var grads = new[] { g };
        return Measure.Alternate(() => Measure.Time(() =>
            {
                using var inner = NewDisposeScope();
                nn.functional.conv3d(x, w, null, conv.Stride, conv.Padding).backward(grads);
            }),
            session == null ? null : () => session.RequestSeconds("{\"op\": \"run\"}"),
            context.Repetitions, warmup: context.Quick ? 0 : 1);
    }
}
