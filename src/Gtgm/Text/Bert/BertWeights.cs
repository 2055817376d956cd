using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gtgm.Text.Bert;

/// <summary>
/// Loads Hugging Face BERT weights (<c>model.safetensors</c> or <c>pytorch_model.bin</c>) into a
/// <see cref="BertModel"/> by name. Checkpoints of task models (<c>BertForPreTraining</c>, BioBERT's) carry a
/// <c>bert.</c> prefix and extra heads (<c>cls.*</c>); old TensorFlow conversions name LayerNorm parameters
/// <c>gamma</c>/<c>beta</c>. Both are handled as <c>transformers</c> handles them. Every parameter the model
/// needs must be present with its configured shape; otherwise ONE <see cref="UserInputException"/> lists all
/// missing and mismatched tensors.
/// </summary>
public static class BertWeights
{
    const int ListedProblems = 12;

    /// <summary>Reads a state dict from either file format, as float32 tensors on the CPU.</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path)) throw UserInputException.ForFile(path, "weights file not found");
        try
        {
            if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)) return Safetensors.LoadStateDict(path);
            var table = PyTorchUnpickler.UnpickleStateDict(path);
            var result = new Dictionary<string, Tensor>();
            foreach (DictionaryEntry e in table)
                if (e.Key is string k && e.Value is Tensor t) result[k] = t;
            return result;
        }
        catch (Exception e) when (e is not UserInputException)
        {
            throw UserInputException.ForFile(path, $"cannot read weights ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>Hugging Face's key normalisation: drop the <c>bert.</c> prefix, LayerNorm gamma/beta -> weight/bias.</summary>
    public static string NormalizeKey(string key)
    {
        if (key.StartsWith("bert.", StringComparison.Ordinal)) key = key["bert.".Length..];
        if (key.EndsWith(".gamma", StringComparison.Ordinal)) key = key[..^".gamma".Length] + ".weight";
        else if (key.EndsWith(".beta", StringComparison.Ordinal)) key = key[..^".beta".Length] + ".bias";
        return key;
    }

    /// <summary>Copies the file's tensors into <paramref name="model"/>; keys the model does not have (heads, buffers) are ignored.</summary>
    public static void Load(BertModel model, string path, string configPath)
    {
        var file = Read(path);
        try
        {
            var tensors = new Dictionary<string, Tensor>();
            foreach (var (k, t) in file) tensors[NormalizeKey(k)] = t;
            var parameters = model.state_dict();
            var missing = new List<string>();
            var mismatched = new List<string>();
            foreach (var (name, target) in parameters)
            {
                if (!tensors.TryGetValue(name, out var source)) missing.Add(name);
                else if (!source.shape.SequenceEqual(target.shape))
                    mismatched.Add($"{name} is [{string.Join(",", source.shape)}], {Path.GetFileName(configPath)} needs [{string.Join(",", target.shape)}]");
            }
            if (missing.Count > 0 || mismatched.Count > 0)
                throw UserInputException.ForFile(path, Describe(missing, mismatched, parameters.Count, tensors.Keys, configPath));
            using (no_grad())
                foreach (var (name, target) in parameters)
                    target.copy_(tensors[name].to(target.dtype));
        }
        finally
        {
            foreach (var t in file.Values) t.Dispose();
        }
    }

    static string Describe(List<string> missing, List<string> mismatched, int expected, IEnumerable<string> found, string configPath)
    {
        if (missing.Count == expected)
        {
            var sample = found.Take(3).ToList();
            return $"none of the {expected} BERT parameters {Path.GetFileName(configPath)} describes are in this file"
                + (sample.Count == 0 ? " (it holds no tensors)" : $" (its keys look like {string.Join(", ", sample)}); is it a BERT checkpoint?");
        }
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"{missing.Count} missing tensor(s): {List(missing)}");
        if (mismatched.Count > 0) parts.Add($"{mismatched.Count} shape mismatch(es) with {Path.GetFileName(configPath)}: {List(mismatched)}");
        return "does not match its config: " + string.Join("; ", parts);
    }

    static string List(List<string> items) =>
        string.Join(", ", items.Take(ListedProblems)) + (items.Count > ListedProblems ? $" and {items.Count - ListedProblems} more" : "");

    /// <summary>Writes the model's parameters as <c>model.safetensors</c> with Hugging Face <c>BertModel</c> keys.</summary>
    public static void SaveSafetensors(BertModel model, string path) =>
        Gtgm.IO.AtomicFile.Write(path, stream => model.save_safetensors(stream, leaveOpen: true));
}
