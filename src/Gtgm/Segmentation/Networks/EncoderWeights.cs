using Gtgm.Networks;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gtgm.Segmentation.Networks;

/// <summary>
/// Loads pretrained encoder weights from a safetensors file or a pretraining run folder, matching tensors by
/// name and shape. A file whose names start with <c>encoder.</c> (a whole pretraining model: encoder plus
/// projection heads) contributes only those tensors, with the prefix removed; any other file is taken as an
/// encoder state dict as is. Nothing is loaded silently wrong: every tensor lands in exactly one list of the
/// returned <see cref="WeightLoadReport"/>, and a file that matches nothing is an error.
/// </summary>
public static class EncoderWeights
{
    const string Prefix = "encoder.";

    /// <summary>The file names a pretraining run folder is searched for, in order (directly and under checkpoints/).</summary>
    public static readonly IReadOnlyList<string> RunFolderFiles = new[] { "encoder.safetensors", "model.safetensors" };

    public static WeightLoadReport Load(Encoder3D encoder, string source)
    {
        string file = ResolveFile(source);
        Dictionary<string, Tensor> tensors;
        try { tensors = Safetensors.LoadStateDict(file); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw UserInputException.ForFile(file, $"not a readable safetensors file ({e.Message})");
        }
        try
        {
            var report = LoadStateDict(encoder, tensors, file);
            if (report.Loaded.Count == 0)
                throw UserInputException.ForFile(file,
                    $"no tensor matches the encoder by name and shape ({report.Unexpected.Count} unexpected, {report.ShapeMismatch.Count} shape mismatches); was it pretrained with another --encoder-arch or --width?");
            return report;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
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
