using Gtgm.IO;
using TorchSharp.PyBridge;

namespace Gtgm.Text.Bert;

/// <summary>
/// Loads Hugging Face BERT weights (<c>model.safetensors</c> or <c>pytorch_model.bin</c>) into a
/// <see cref="BertModel"/> by name. Checkpoints of task models (<c>BertForPreTraining</c>, BioBERT's) carry a
/// <c>bert.</c> prefix and extra heads (<c>cls.*</c>); old TensorFlow conversions name LayerNorm parameters
/// <c>gamma</c>/<c>beta</c>. Both are handled as <c>transformers</c> handles them. Every parameter the model
/// needs must be present with its configured shape; otherwise ONE <see cref="UserInputException"/> lists all
/// missing and mismatched tensors (see <see cref="StateDictFile.CopyInto"/>).
/// </summary>
public static class BertWeights
{
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
        var file = StateDictFile.Read(path);
        try
        {
            var tensors = file.ToDictionary(kv => NormalizeKey(kv.Key), kv => kv.Value);
            StateDictFile.CopyInto(model, tensors, path, Path.GetFileName(configPath));
        }
        finally
        {
            foreach (var t in file.Values) t.Dispose();
        }
    }

    /// <summary>Writes the model's parameters as <c>model.safetensors</c> with Hugging Face <c>BertModel</c> keys.</summary>
    public static void SaveSafetensors(BertModel model, string path) =>
        AtomicFile.Write(path, stream => model.save_safetensors(stream, leaveOpen: true));
}
