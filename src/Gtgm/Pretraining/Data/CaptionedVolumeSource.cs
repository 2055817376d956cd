using Gtgm.Imaging;
using Gtgm.Imaging.Datasets;
using Gtgm.Imaging.Loading;
using Gtgm.Platform;
using Gtgm.Pretraining.Training;
using Gtgm.Text.Captions;
using Gtgm.Text.Embeddings;
using Gtgm.Transforms.Augmentation;
using Gtgm.Transforms.Preprocessing;

namespace Gtgm.Pretraining.Data;

/// <summary>
/// Pretraining batches from a pool of volumes (several data sets and modalities) and, for text objectives,
/// their generated captions with cached text embeddings.
/// <para>Sampling of batch i, from <c>Rng.Stream(seed, "pretrain-batch", i)</c>: per crop, a data set uniformly
/// (so a small data set is not swamped by a large one), a volume of it uniformly, and, with text, one of that
/// volume's captions uniformly. The volume is preprocessed for its modality (<see cref="Preprocessor"/>,
/// cached within a byte budget) and <see cref="TwoViewSampler"/> cuts one crop into two views.</para>
/// <para>The caption describes a 2-D slice of the volume, and the crop is drawn anywhere in the volume: the
/// text supervises at volume level. (Aligning crops to the captioned slice would need the slice index mapped
/// through reorientation and resampling; that is not done.)</para>
/// </summary>
public sealed class CaptionedVolumeSource : IPretrainDataSource
{
    readonly int _seed;
    readonly int _channels;
    readonly double[]? _spacing;
    readonly TwoViewSampler _sampler;
    readonly VolumeCache<Volume> _cache;
    readonly Dictionary<string, VolumeEntry> _byPath;
    readonly IReadOnlyList<IReadOnlyList<VolumeEntry>> _datasets;
    readonly Dictionary<string, float[][]>? _captionEmbeddings; // volume path -> embeddings of its captions

    public int TextDim { get; }
    public int VolumeCount => _byPath.Count;
    public int DatasetCount => _datasets.Count;
    public int CaptionCount { get; }
    public (int D, int H, int W) Patch => _sampler.PatchSize;

    /// <param name="volumes">The pool; must not be empty.</param>
    /// <param name="captions">Caption records and the file they came from, or null for objectives without text.</param>
    /// <param name="embeddings">The text-embedding store holding every caption's text (required with captions).</param>
    /// <param name="channels">Channels every volume must have (the encoder's input channels).</param>
    /// <param name="spacing">Resampling target (see <see cref="ModalityPreprocessing.WithSpacing"/>); null keeps each modality's default.</param>
    public CaptionedVolumeSource(IReadOnlyList<VolumeEntry> volumes, (string Path, IReadOnlyList<CaptionRecord> Records)? captions,
        TextEmbeddingStore? embeddings, (int D, int H, int W) patch, int seed, int channels = 1, long cacheBytes = 2L << 30,
        double[]? spacing = null)
    {
        _spacing = spacing;
        if (volumes.Count == 0) throw new UserInputException("--data: the data set is empty (no volumes found)");
        _seed = seed;
        _channels = channels;
        _sampler = new TwoViewSampler(patch);
        _cache = new VolumeCache<Volume>(Load, VolumeBytes.Of, cacheBytes);
        _byPath = volumes.GroupBy(v => Path.GetFullPath(v.Path)).ToDictionary(g => g.Key, g => g.First());
        var usable = _byPath.Values.AsEnumerable();
        if (captions is { } c)
        {
            if (embeddings is null) throw new ArgumentNullException(nameof(embeddings), "captions need their text embeddings");
            _captionEmbeddings = MatchCaptions(c.Path, c.Records, embeddings);
            usable = usable.Where(v => _captionEmbeddings.ContainsKey(Path.GetFullPath(v.Path)));
            TextDim = embeddings.Dimension;
            CaptionCount = c.Records.Count;
        }
        _datasets = usable.GroupBy(v => v.Dataset).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<VolumeEntry>)g.OrderBy(v => v.Path, StringComparer.Ordinal).ToList()).ToList();
        if (_datasets.Count == 0)
            throw UserInputException.ForFile(captions!.Value.Path, "no caption names a volume given with --data");
    }

    /// <summary>Every caption must name a volume of the pool and have an embedding; volumes keyed by full path.</summary>
    Dictionary<string, float[][]> MatchCaptions(string captionsPath, IReadOnlyList<CaptionRecord> records, TextEmbeddingStore store)
    {
        if (records.Count == 0) throw UserInputException.ForFile(captionsPath, "holds no captions");
        var byKey = _byPath.Values.GroupBy(v => (v.Dataset, v.Id)).ToDictionary(g => g.Key, g => g.First());
        var result = new Dictionary<string, List<float[]>>();
        for (int i = 0; i < records.Count; i++)
        {
            var r = records[i];
            VolumeEntry? entry = byKey.GetValueOrDefault((r.Dataset, r.Volume));
            if (entry is null && !string.IsNullOrEmpty(r.Source)) entry = _byPath.GetValueOrDefault(Path.GetFullPath(r.Source));
            if (entry is null)
                throw UserInputException.ForFile(captionsPath,
                    $"line {i + 1}: names volume '{r.Volume}' of data set '{r.Dataset}' ({r.Source}), which is not among the --data volumes");
            if (!store.TryGet(r.Text, out var vector))
                throw UserInputException.ForFile(store.Directory,
                    $"has no embedding for the caption on line {i + 1} of {captionsPath} (\"{Shorten(r.Text)}\"); these embeddings were built from other captions: rebuild them with gtgm embed-text");
            string key = Path.GetFullPath(entry.Path);
            if (!result.TryGetValue(key, out var list)) result[key] = list = new List<float[]>();
            list.Add(vector);
        }
        return result.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    Volume Load(string path)
    {
        var entry = _byPath[path];
        var volume = new Preprocessor(ModalityPreprocessing.For(entry.Modality).WithSpacing(_spacing)).Run(VolumeIO.ReadImage(path));
        if (volume.Channels != _channels)
            throw UserInputException.ForFile(path, $"has {volume.Channels} channel(s), the encoder takes {_channels} (--in-channels)");
        return volume;
    }

    public HostBatch GetBatch(long index, int batchSize)
    {
        var rng = Rng.Stream(_seed, "pretrain-batch", index);
        var (d, h, w) = _sampler.PatchSize;
        int n = _channels * d * h * w;
        var view1 = new float[batchSize * n];
        var view2 = new float[batchSize * n];
        var text = _captionEmbeddings is null ? null : new float[batchSize * TextDim];
        for (int b = 0; b < batchSize; b++)
        {
            var dataset = _datasets[rng.Next(_datasets.Count)];
            string path = Path.GetFullPath(dataset[rng.Next(dataset.Count)].Path);
            if (text is not null)
            {
                var options = _captionEmbeddings![path];
                Array.Copy(options[rng.Next(options.Length)], 0, text, b * TextDim, TextDim);
            }
            var views = _sampler.Sample(_cache.Get(path), rng);
            Array.Copy(views.View1, 0, view1, b * n, n);
            Array.Copy(views.View2, 0, view2, b * n, n);
        }
        return new HostBatch(view1, view2, new long[] { batchSize, _channels, d, h, w }, text, TextDim);
    }
}
