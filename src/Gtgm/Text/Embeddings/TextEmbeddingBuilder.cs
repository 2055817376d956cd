using Gtgm.Reporting;
using Gtgm.Text.Captions;
using Gtgm.Text.Encoders;

namespace Gtgm.Text.Embeddings;

/// <param name="Captions">Records in the captions file.</param>
/// <param name="UniqueTexts">Distinct caption texts among them.</param>
/// <param name="Encoded">Texts the encoder ran on in this build.</param>
/// <param name="Reused">Texts already in the store.</param>
/// <param name="Rebuilt">True when an existing store from another encoder was discarded.</param>
public sealed record TextEmbeddingReport(int Captions, int UniqueTexts, int Encoded, int Reused, bool Rebuilt,
    string EncoderId, int Dimension, int StoreCount, string Directory);

/// <summary>
/// Brings a <see cref="TextEmbeddingStore"/> up to date with a captions file: encodes each unique caption
/// text that the store does not hold yet, in batches, committing after every batch (a killed build resumes
/// where it stopped). A changed caption has a new key, so it is encoded; entries no caption uses any more
/// are kept (they cost only disk). A store made by a different encoder is never mixed with new vectors:
/// the build refuses, or with <c>rebuild</c> deletes the store and starts over.
/// </summary>
public static class TextEmbeddingBuilder
{
    public static TextEmbeddingReport Build(string captionsPath, ITextEncoder encoder, string directory,
        int batchSize = 64, bool rebuild = false, IProgress<ProgressUpdate>? progress = null)
    {
        if (batchSize <= 0) throw new UserInputException($"batch size must be positive (is {batchSize})");
        progress ??= Progress.None;
        var records = CaptionFile.Read(captionsPath);
        var unique = records.Select(r => r.Text).Distinct(StringComparer.Ordinal).ToList();

        bool rebuilt = false;
        TextEmbeddingStore store;
        if (TextEmbeddingStore.Exists(directory))
        {
            store = TextEmbeddingStore.Open(directory);
            if (store.EncoderId != encoder.Id || store.Dimension != encoder.Dimension)
            {
                if (!rebuild)
                    throw UserInputException.ForFile(directory,
                        $"holds embeddings from '{store.EncoderId}' ({store.Dimension}-d), not '{encoder.Id}' ({encoder.Dimension}-d); " +
                        "use another output folder, or --rebuild to replace them");
                Discard(directory);
                store = TextEmbeddingStore.Create(directory, encoder.Id, encoder.Dimension);
                rebuilt = true;
            }
        }
        else
        {
            store = TextEmbeddingStore.Create(directory, encoder.Id, encoder.Dimension);
        }

        var todo = unique.Where(t => !store.Contains(t)).ToList();
        progress.Report(new ProgressUpdate("embed captions", 0, todo.Count, "caption"));
        for (int start = 0; start < todo.Count; start += batchSize)
        {
            var batch = todo.GetRange(start, Math.Min(batchSize, todo.Count - start));
            var vectors = encoder.Encode(batch);
            if (vectors.Length != batch.Count || vectors.Any(v => v.Length != encoder.Dimension))
                throw new InvalidOperationException($"encoder {encoder.Id} returned {vectors.Length} vectors for {batch.Count} texts or a wrong length");
            store.Add(batch, vectors);
            progress.Report(new ProgressUpdate("embed captions", start + batch.Count, todo.Count, "caption"));
        }
        return new TextEmbeddingReport(records.Count, unique.Count, todo.Count, unique.Count - todo.Count, rebuilt,
            store.EncoderId, store.Dimension, store.Count, directory);
    }

    /// <summary>Deletes the store's own files only, never anything else a user put in the folder.</summary>
    static void Discard(string directory)
    {
        foreach (var name in new[] { TextEmbeddingManifest.FileName, TextEmbeddingStore.VectorsFile, TextEmbeddingStore.IndexFile })
            File.Delete(Path.Combine(directory, name));
    }
}
