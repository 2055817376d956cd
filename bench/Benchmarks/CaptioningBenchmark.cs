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
/// [SEP], so every BLIP caption runs to the maximum length: a worst case for decoding time. BLIP's peer is the
/// same decoder without its key/value cache (there is no offline transformers BLIP here to run side by side).
/// </summary>
public sealed class CaptioningBenchmark : IBenchmark
{
    public string Name => "captioning";
    public string Description => "Captions/s: descriptive captioner on real slices, BLIP (random weights) greedy on CPU, with vs without KV cache";

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
        // One image to 20 tokens keeps the uncached comparison pass (whole prefix and 577 image tokens
        // re-projected every step) to about a minute on a shared 2-core machine.
        int images = context.Quick ? 2 : 1, maxLength = context.Quick ? 10 : 20;
        context.Say($"captioning: BLIP {(context.Quick ? "tiny" : "base")}, {images} images, greedy to {maxLength} tokens");
        manual_seed(0);
        using var model = new BlipForConditionalGeneration(config);
        model.eval();
        var decoder = new BlipDecoder(model, tokenizer);
        var grey = Enumerable.Range(0, images).Select(i => (Enumerable.Range(0, 64 * 64).Select(p => (byte)((p * (i + 3)) % 251)).ToArray(), 64, 64)).ToList();
        using var pixels = new BlipImageProcessor(config.Vision.ImageSize).Process(grey);
        var options = new BlipDecodingOptions(MaxLength: maxLength);
        // The peer is the same decoder without its key/value cache, timed alternately in this process.
        int tokens = 0, uncachedTokens = 0;
        var timing = Measure.Alternate(() => { tokens = decoder.GenerateIds(pixels, options).Sum(c => c.Count); },
            () => { uncachedTokens = decoder.GenerateIds(pixels, options with { UseCache = false }).Sum(c => c.Count); }, 1, warmup: 0);
        // Both passes encode the image once; its share shows how much of a pass the decoding itself takes.
        double encoding = Measure.Time(() => { using var noGrad = no_grad(); model.EncodeImage(pixels).Dispose(); });
        long parameters = model.parameters().Sum(p => p.numel());
        return new BenchmarkResult(Name, $"BLIP-{(context.Quick ? "tiny" : "base")} random weights, greedy, batch {images}, {config.Vision.ImageSize}² input", "captions/s",
            images / timing.Ours, images / timing.Peer!.Value, "BLIP without KV cache",
            Note: $"{parameters / 1e6:0.0} M parameters, {tokens} tokens generated ({tokens / timing.Ours:0.00} tokens/s with the KV cache, " +
                  $"{uncachedTokens / timing.Peer.Value:0.00} without; max length {maxLength}; image encoding {encoding:0.00} s of each pass), {context.Threads} threads, one pass each, no warm-up");
    }
}
