using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gtgm.IO;

/// <summary>
/// Reads PyTorch / Hugging Face weight files (<c>*.safetensors</c>, or a pickled state dict such as
/// <c>pytorch_model.bin</c>) and copies them into a module by parameter name, checking every name and shape
/// first so that a wrong file gives ONE <see cref="UserInputException"/> listing all that is missing or
/// mismatched, instead of a half-loaded model.
/// </summary>
public static class StateDictFile
{
    const int ListedProblems = 12;

    /// <summary>Reads all tensors (on the CPU, in the file's dtype); an unreadable file names itself.</summary>
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

    /// <summary>
    /// Copies <paramref name="tensors"/> into every entry of <paramref name="module"/>'s state dict (converting
    /// dtype). Extra tensors are ignored. <paramref name="path"/> and <paramref name="configName"/> only word
    /// the error: "PATH: does not match its config: 2 missing tensor(s): …; 1 shape mismatch(es) with config.json: …".
    /// </summary>
    public static void CopyInto(nn.Module module, IReadOnlyDictionary<string, Tensor> tensors, string path, string configName)
    {
        var targets = module.state_dict();
        var missing = new List<string>();
        var mismatched = new List<string>();
        foreach (var (name, target) in targets)
        {
            if (!tensors.TryGetValue(name, out var source)) missing.Add(name);
            else if (!source.shape.SequenceEqual(target.shape))
                mismatched.Add($"{name} is [{string.Join(",", source.shape)}], {configName} needs [{string.Join(",", target.shape)}]");
        }
        if (missing.Count > 0 || mismatched.Count > 0)
            throw UserInputException.ForFile(path, Describe(missing, mismatched, targets.Count, tensors.Keys, configName));
        using (no_grad())
            foreach (var (name, target) in targets)
                target.copy_(tensors[name].to(target.dtype));
    }

    static string Describe(List<string> missing, List<string> mismatched, int expected, IEnumerable<string> found, string configName)
    {
        if (missing.Count == expected)
        {
            var sample = found.Take(3).ToList();
            return $"none of the {expected} parameters {configName} describes are in this file"
                + (sample.Count == 0 ? " (it holds no tensors)" : $" (its keys look like {string.Join(", ", sample)}); is it the right kind of checkpoint?");
        }
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"{missing.Count} missing tensor(s): {List(missing)}");
        if (mismatched.Count > 0) parts.Add($"{mismatched.Count} shape mismatch(es) with {configName}: {List(mismatched)}");
        return "does not match its config: " + string.Join("; ", parts);
    }

    static string List(List<string> items) =>
        string.Join(", ", items.Take(ListedProblems)) + (items.Count > ListedProblems ? $" and {items.Count - ListedProblems} more" : "");
}
