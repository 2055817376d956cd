using Gtgm.Networks;
using Gtgm.Pretraining.Training;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gtgm.Segmentation.Networks;

/// <summary>
/// Loads pretrained encoder weights, matching tensors by name and shape, from
/// <list type="bullet">
/// <item>a <c>gtgm pretrain</c> run folder: the encoder of its newest verified checkpoint;</item>
/// <item>a safetensors file (<c>gtgm export-encoder</c> output, or a finetuning run's <c>model.safetensors</c>), or a
/// folder holding one as <c>encoder.safetensors</c>/<c>model.safetensors</c>, directly or under <c>checkpoints/</c>.</item>
/// </list>
/// A state dict whose names start with <c>encoder.</c> (a whole model: encoder plus heads or decoder)
/// contributes only those tensors, with the prefix removed; any other is taken as an encoder state dict as is.
/// Nothing is loaded silently wrong: every tensor lands in exactly one list of the returned
/// <see cref="WeightLoadReport"/>, and weights that match nothing are an error.
/// </summary>
public static class EncoderWeights
{
    const string Prefix = "encoder.";

    /// <summary>The file names a pretraining run folder is searched for, in order (directly and under checkpoints/).</summary>
    public static readonly IReadOnlyList<string> RunFolderFiles = new[] { "encoder.safetensors", "model.safetensors" };

    public static WeightLoadReport Load(Encoder3D encoder, string source)
    {
        if (PretrainingCheckpoint(source) is { } checkpoint)
        {
            using var objective = PretrainTrainer.LoadObjective(checkpoint);
            return Checked(encoder, LoadStateDict(encoder, objective.Encoder.state_dict(), checkpoint), checkpoint);
        }
        string file = ResolveFile(source);
        Dictionary<string, Tensor> tensors;
        try { tensors = Safetensors.LoadStateDict(file); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw UserInputException.ForFile(file, $"not a readable safetensors file ({e.Message})");
        }
        try
        {
            return Checked(encoder, LoadStateDict(encoder, tensors, file), file);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>
    /// Weights that give the encoder none of its learnable parameters are an error, not a silent random start
    /// (BatchNorm's scalar <c>num_batches_tracked</c> buffers match any width, so buffers do not count).
    /// </summary>
    static WeightLoadReport Checked(Encoder3D encoder, WeightLoadReport report, string source)
    {
        var parameters = encoder.named_parameters().Select(p => p.name).ToHashSet();
        if (report.Loaded.Any(parameters.Contains)) return report;
        throw UserInputException.ForFile(source,
            $"no parameter matches the encoder by name and shape ({report.Unexpected.Count} unexpected, {report.ShapeMismatch.Count} shape mismatches{(report.ShapeMismatch.Count > 0 ? ", e.g. " + report.ShapeMismatch[0] : "")}); was it pretrained with another --encoder-arch or --width?");
    }

    /// <summary>The newest verified checkpoint when <paramref name="source"/> is a pretraining run folder.</summary>
    static string? PretrainingCheckpoint(string source)
    {
        if (!Directory.Exists(source)) return null;
        var store = new CheckpointStore(Path.Combine(source, "checkpoints"), 1);
        return store.Latest()?.Path;
    }

    /// <summary>Copies matching tensors into <paramref name="module"/>'s parameters and buffers.</summary>
    public static WeightLoadReport LoadStateDict(nn.Module module, IReadOnlyDictionary<string, Tensor> tensors, string source)
    {
        bool wholeModel = tensors.Keys.Any(k => k.StartsWith(Prefix, StringComparison.Ordinal));
        var wanted = tensors
            .Where(kv => !wholeModel || kv.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(kv => wholeModel ? kv.Key[Prefix.Length..] : kv.Key, kv => kv.Value);
        var own = module.state_dict();
        var loaded = new List<string>();
        var missing = new List<string>();
        var mismatch = new List<string>();
        using (no_grad())
        {
            foreach (var (name, target) in own)
            {
                if (!wanted.TryGetValue(name, out var value)) { missing.Add(name); continue; }
                if (!value.shape.SequenceEqual(target.shape))
                {
                    mismatch.Add($"{name}: file [{string.Join(",", value.shape)}] vs module [{string.Join(",", target.shape)}]");
                    continue;
                }
                target.copy_(value);
                loaded.Add(name);
            }
        }
        var unexpected = wanted.Keys.Where(k => !own.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        return new WeightLoadReport(source, loaded, missing, unexpected, mismatch);
    }

    static string ResolveFile(string source)
    {
        if (File.Exists(source)) return source;
        if (!Directory.Exists(source))
            throw UserInputException.ForFile(source, "encoder weights not found: expected a .safetensors file, a pretraining run folder, or 'random'");
        foreach (string dir in new[] { source, Path.Combine(source, "checkpoints") })
            foreach (string name in RunFolderFiles)
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        throw UserInputException.ForFile(source,
            $"no encoder weights in this folder (looked for {string.Join(" or ", RunFolderFiles)} here and under checkpoints/)");
    }
}
