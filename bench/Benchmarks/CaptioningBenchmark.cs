using Gtgm.Bench.Harness;
using Gtgm.Imaging;
using Gtgm.Imaging.Datasets;
using Gtgm.Text.Blip;
using Gtgm.Text.Captioners;
using Gtgm.Text.Captioners.Descriptive;
using Gtgm.Text.Slicing;
using static TorchSharp.torch;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// Captions per second. The descriptive captioner on pre-sampled slices of the real volumes (hippocampus MRI,
/// AMOS CT, ISBI 2012 EM; slice sampling excluded), and BLIP with random weights, greedy decoding of a batch of
/// slices on CPU: BLIP-base dimensions (quick mode: the tiny test configuration). Random weights rarely emit
/// [SEP], so every BLIP caption runs to the maximum length: a worst case for decoding time. No peer: there is
/// no offline BLIP reference here to run side by side.
/// </summary>
public sealed class CaptioningBenchmark : IBenchmark
{
    public string Name => "captioning";
    public string Description => "Captions/s: descriptive captioner on real slices, BLIP (random weights) greedy on CPU";

    public IEnumerable<BenchmarkResult> Run(BenchmarkContext context)
    {
        foreach (var row in Descriptive(context)) yield return row;
        yield return Blip(context);
    }

    IEnumerable<BenchmarkResult> Descriptive(BenchmarkContext context)
    {
        if (context.SharedData == null) yield break;
        var sets = new (string Folder, Modality? Modality)[] { ("msd-hippocampus", null), ("ct-amos0336", Modality.CT), ("em-isbi2012", null) };
        int count = context.Quick ? 4 : 32;
        foreach (var (folder, modality) in sets)
        {
            string path = Path.Combine(context.SharedData, folder);
            if (!Directory.Exists(path)) continue;
            context.Say($"captioning: sampling {count} slices of {folder}");
            var entry = VolumePool.Scan(path, modality: modality)[0];
            var volume = VolumeIO.ReadImage(entry.Path).WithModality(entry.Modality);
            var random = new Random(0);
            var sampler = new SliceSampler();
            var slices = Enumerable.Range(0, count).Select(_ => sampler.Sample(volume, SliceAxis.Axial, random)).ToList();
            var captioner = new DescriptiveCaptioner();
            var timing = Measure.Alternate(() => captioner.Caption(slices, new Random(1)), null, context.Quick ? 1 : Math.Max(3, context.Repetitions));
            yield return new BenchmarkResult(Name, $"descriptive captioner, {folder} axial slices {slices[0].Height}x{slices[0].Width}", "captions/s",
                count / timing.Ours, null, null, Note: $"{count} slices per pass, median of {timing.OursSamples.Count} passes, one thread");
        }
    }

    BenchmarkResult Blip(BenchmarkContext context)
    {
        // A BERT-sized vocabulary (30522 + [DEC], [ENC]) of placeholder tokens: weights are random anyway.
        var vocabulary = new List<string> { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" };
        vocabulary.AddRange(Enumerable.Range(0, 30522 - vocabulary.Count).Select(i => $"tok{i}"));
        var tokenizer = new BlipTokenizer(BlipTokenizer.WithDecoderTokens(vocabulary));
        int bos = tokenizer.IdOf("[DEC]")!.Value, sep = tokenizer.IdOf("[SEP]")!.Value;
        var config = context.Quick ? BlipConfig.Tiny(tokenizer.Count, bos, sep, 0) : BlipConfig.Base(tokenizer.Count, bos, sep, 0);
        // BLIP-base decoding re-projects 577 image tokens for cross-attention at every step (no cache), so a
        // caption costs minutes on a shared 2-core machine: one image to 20 tokens keeps the run to a few minutes.
        int images = context.Quick ? 2 : 1, maxLength = context.Quick ? 10 : 20;
        context.Say($"captioning: BLIP {(context.Quick ? "tiny" : "base")}, {images} images, greedy to {maxLength} tokens");
        manual_seed(0);
        using var model = new BlipForConditionalGeneration(config);
        model.eval();
        var decoder = new BlipDecoder(model, tokenizer);
        var grey = Enumerable.Range(0, images).Select(i => (Enumerable.Range(0, 64 * 64).Select(p => (byte)((p * (i + 3)) % 251)).ToArray(), 64, 64)).ToList();
        using var pixels = new BlipImageProcessor(config.Vision.ImageSize).Process(grey);
        var options = new BlipDecodingOptions(MaxLength: maxLength);
        int tokens = 0;
        var timing = Measure.Alternate(() => { tokens = decoder.GenerateIds(pixels, options).Sum(c => c.Count); }, null, 1, warmup: 0);
        long parameters = model.parameters().Sum(p => p.numel());
        return new BenchmarkResult(Name, $"BLIP-{(context.Quick ? "tiny" : "base")} random weights, greedy, batch {images}, {config.Vision.ImageSize}² input", "captions/s",
            images / timing.Ours, null, null,
            Note: $"{parameters / 1e6:0.0} M parameters, {tokens} tokens generated ({tokens / timing.Ours:0.00} tokens/s, max length {maxLength}), {context.Threads} threads, no KV cache, one untimed-warm-up-free pass");
    }
}
