using System.Text.Json.Nodes;
using Gtgm.Imaging.Datasets;
using Gtgm.Pretraining.Data;
using Gtgm.Pretraining.Training;
using Gtgm.Reporting;
using Gtgm.Text.Captions;
using Gtgm.Text.Embeddings;
using Gtgm.Text.Encoders;

namespace Gtgm.Pretraining;

/// <summary>
/// `gtgm pretrain` end to end: scan the volumes, read the captions, open (or first build) the caption
/// embeddings, check that all of it fits together, then train into the run folder. Every input problem is
/// reported before the first step.
/// </summary>
public static class PretrainPipeline
{
    public const string DefaultTextEncoder = "minilm";
    /// <summary>Run-folder file describing the data a run resolved: data sets, volumes, caption embeddings.</summary>
    public const string DataFileName = "data.json";

    public static PretrainResult Run(PretrainRequest request, JsonObject config, IProgress<ProgressUpdate>? progress = null,
        CancellationToken cancel = default)
    {
        progress ??= Progress.None;
        var setup = request.Setup;
        request.Options.Validate();
        var volumes = request.Data.SelectMany(d =>
        {
            var (path, modality) = DataArgument(d);
            return VolumePool.Scan(path, modality: modality ?? request.Modality);
        }).ToList();
        if (volumes.Count == 0) throw new UserInputException("--data: the data set is empty (no volumes found)");

        bool usesText = setup.Kind is Objectives.ObjectiveKind.Gtgm or Objectives.ObjectiveKind.Vlp;
        (string, IReadOnlyList<CaptionRecord>)? captions = null;
        TextEmbeddingStore? store = null;
        if (usesText)
        {
            string captionsPath = request.CaptionsPath
                ?? throw new UserInputException($"--objective {setup.Objective} learns from captions: pass --captions FILE");
            captions = (captionsPath, CaptionFile.Read(captionsPath));
            store = OpenEmbeddings(captionsPath, request, progress);
            setup = setup with { TextDim = store.Dimension, TextEncoderId = store.EncoderId };
        }

        var source = new CaptionedVolumeSource(volumes, captions, store, request.Patch, request.Options.Seed, setup.InChannels, request.CacheBytes, request.Spacing);
        using var run = RunFolder.Open(request.RunsDirectory, request.Name, request.Resume);
        if (request.Resume) CheckResumable(run, setup);
        if (!request.Resume)
        {
            run.WriteConfig(config);
            // What the options resolved to (kept out of config.json, which must stay re-readable as options).
            var resolved = new JsonObject { ["datasets"] = source.DatasetCount, ["volumes"] = source.VolumeCount, ["captions"] = source.CaptionCount };
            if (store is not null)
            {
                resolved["text_embeddings"] = store.Directory;
                resolved["text_encoder_id"] = store.EncoderId;
                resolved["text_dim"] = store.Dimension;
            }
            IO.AtomicFile.WriteAllText(run.File(DataFileName), resolved.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
        return PretrainTrainer.Run(setup, source, request.Options, run, request.Resume, progress, cancel);
    }

    /// <summary>"PATH" or "PATH@MODALITY" (ct, mri, em), so one run can mix modalities whose folders do not say.</summary>
    public static (string Path, Imaging.Modality? Modality) DataArgument(string text)
    {
        int at = text.LastIndexOf('@');
        if (at <= 0) return (text, null);
        var modality = Imaging.ModalityNames.Parse(text[(at + 1)..]);
        if (modality == Imaging.Modality.Other)
            throw new UserInputException($"--data {text}: unknown modality '{text[(at + 1)..]}' after @ (expected ct, mri or em)");
        return (text[..at], modality);
    }

    static TextEmbeddingStore OpenEmbeddings(string captionsPath, PretrainRequest request, IProgress<ProgressUpdate> progress)
    {
        string dir = request.TextEmbeddingsPath ?? Path.ChangeExtension(Path.GetFullPath(captionsPath), null) + ".embeddings";
        if (!TextEmbeddingStore.Exists(dir))
        {
            using var encoder = TextEncoderFactory.Create(request.TextEncoder ?? DefaultTextEncoder);
            TextEmbeddingBuilder.Build(captionsPath, encoder, dir, progress: progress);
            return TextEmbeddingStore.Open(dir);
        }
        var store = TextEmbeddingStore.Open(dir);
        if (request.TextEncoder is { } spec)
        {
            using var encoder = TextEncoderFactory.Create(spec);
            if (encoder.Id != store.EncoderId || encoder.Dimension != store.Dimension)
                throw UserInputException.ForFile(dir,
                    $"holds embeddings from '{store.EncoderId}' ({store.Dimension}-d), not from --text-encoder {spec} ('{encoder.Id}', {encoder.Dimension}-d); point --text-embeddings elsewhere or rebuild with gtgm embed-text --rebuild");
        }
        return store;
    }

    /// <summary>A resumed run must see the text embeddings it was trained with.</summary>
    static void CheckResumable(RunFolder run, PretrainSetup setup)
    {
        var store = new CheckpointStore(run.CheckpointDirectory, 1);
        if (store.Latest() is not var (_, checkpoint)) return;
        var trained = PretrainTrainer.ReadSetup(checkpoint);
        if (trained.TextDim != setup.TextDim || trained.TextEncoderId != setup.TextEncoderId)
            throw UserInputException.ForFile(checkpoint,
                $"was trained on {trained.TextDim}-d text embeddings from '{trained.TextEncoderId}', but the embeddings given now are {setup.TextDim}-d from '{setup.TextEncoderId}'");
        if (trained.Objective != setup.Objective || trained.Encoder != setup.Encoder || trained.Width != setup.Width)
            throw UserInputException.ForFile(checkpoint,
                $"holds a {trained.Objective}/{trained.Encoder} x{trained.Width} model, not {setup.Objective}/{setup.Encoder} x{setup.Width}; resume with the run's own config (--config {run.File(RunFolder.ConfigFileName)})");
    }
}
