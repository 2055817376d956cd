using System.Text.Json;

namespace Gtgm.Text.Bert;

/// <summary>
/// A Hugging Face BERT model folder: <c>config.json</c>, <c>model.safetensors</c> (preferred) or
/// <c>pytorch_model.bin</c>, <c>vocab.txt</c>, and optionally <c>tokenizer_config.json</c> (for
/// <c>do_lower_case</c>). <see cref="Open"/> checks that all are there and names everything missing at once.
/// </summary>
public sealed record BertModelFolder(string Directory, string ConfigPath, string WeightsPath, string VocabPath, bool Lowercase)
{
    public const string SafetensorsName = "model.safetensors";
    public const string PickleName = "pytorch_model.bin";

    public static BertModelFolder Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw UserInputException.ForFile(directory, "model folder not found");
        string config = Path.Combine(directory, "config.json");
        string vocab = Path.Combine(directory, "vocab.txt");
        string? weights = new[] { SafetensorsName, PickleName }.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists);
        var missing = new List<string>();
        if (!File.Exists(config)) missing.Add("config.json");
        if (weights == null) missing.Add($"{SafetensorsName} (or {PickleName})");
        if (!File.Exists(vocab)) missing.Add("vocab.txt");
        if (missing.Count > 0)
            throw UserInputException.ForFile(directory, $"not a complete Hugging Face BERT folder: missing {string.Join(", ", missing)}");
        return new BertModelFolder(directory, config, weights!, vocab, ReadLowercase(directory));
    }

    /// <summary>
    /// <c>do_lower_case</c> from <c>tokenizer_config.json</c>; without that file, <c>transformers</c>' default
    /// (true) applies, so the folder tokenizes exactly as <c>AutoTokenizer</c> would tokenize it.
    /// </summary>
    static bool ReadLowercase(string directory)
    {
        string path = Path.Combine(directory, "tokenizer_config.json");
        if (!File.Exists(path)) return true;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return !doc.RootElement.TryGetProperty("do_lower_case", out var v) || v.ValueKind != JsonValueKind.False;
        }
        catch (JsonException e) { throw UserInputException.ForFile(path, $"not valid JSON ({e.Message})"); }
    }
}
