using System.Text.Json;
using Gtgm.Imaging;

namespace Gtgm.Segmentation.Finetuning;

/// <summary>One image with (for training and evaluation) its label map.</summary>
public sealed record SegmentationCase(string Id, string ImagePath, string? LabelPath);

/// <summary>
/// A Medical Segmentation Decathlon task folder as finetuning sees it: <c>dataset.json</c> with <c>modality</c>
/// (one entry per input channel), <c>labels</c> (class index → name, 0 = background), <c>training</c>
/// (image/label pairs) and optionally <c>test</c> (images; their labels are read from <c>labelsTs/</c> when present).
/// Every named file must exist: a missing one is reported here, before anything is trained.
/// </summary>
public sealed record SegmentationTask(
    string Folder, string Name, Modality Modality, int Channels, IReadOnlyList<string> ClassNames,
    IReadOnlyList<SegmentationCase> Training, IReadOnlyList<SegmentationCase> Test)
{
    public static SegmentationTask Load(string folder)
    {
        string json = Path.Combine(folder, "dataset.json");
        if (!File.Exists(json)) throw UserInputException.ForFile(folder, "not an MSD task folder (no dataset.json)");
        JsonElement root;
        try { root = JsonDocument.Parse(File.ReadAllText(json)).RootElement; }
        catch (JsonException e) { throw UserInputException.ForFile(json, $"invalid JSON ({e.Message})"); }

        var modalities = Object(root, "modality", json).EnumerateObject().OrderBy(p => int.Parse(p.Name)).Select(p => p.Value.GetString()!).ToList();
        if (modalities.Count == 0) throw UserInputException.ForFile(json, "'modality' lists no input channel");
        var kinds = modalities.Select(ModalityNames.Parse).Distinct().ToList();
        if (kinds.Count > 1) throw UserInputException.ForFile(json, $"mixes modalities ({string.Join(", ", modalities)}); one normalisation per task is supported");

        var labels = Object(root, "labels", json).EnumerateObject().ToDictionary(p => int.Parse(p.Name), p => p.Value.GetString()!);
        int classes = labels.Keys.Max() + 1;
        if (classes < 2 || Enumerable.Range(0, classes).Any(c => !labels.ContainsKey(c)))
            throw UserInputException.ForFile(json, "'labels' must number the classes 0..K-1 with 0 the background and at least one foreground class");

        var training = new List<SegmentationCase>();
        if (root.TryGetProperty("training", out var tr))
            foreach (var entry in tr.EnumerateArray())
            {
                string image = Resolve(folder, entry.GetProperty("image").GetString()!, json);
                string label = Resolve(folder, entry.GetProperty("label").GetString()!, json);
                training.Add(new SegmentationCase(CaseId(image), image, label));
            }
        if (training.Count == 0) throw UserInputException.ForFile(json, "'training' lists no cases");

        var test = new List<SegmentationCase>();
        if (root.TryGetProperty("test", out var ts))
            foreach (var entry in ts.EnumerateArray())
            {
                string image = Resolve(folder, (entry.ValueKind == JsonValueKind.String ? entry.GetString() : entry.GetProperty("image").GetString())!, json);
                string label = Path.Combine(folder, "labelsTs", Path.GetFileName(image));
                test.Add(new SegmentationCase(CaseId(image), image, File.Exists(label) ? label : null));
            }
        var names = Enumerable.Range(0, classes).Select(c => labels[c]).ToList();
        string name = root.TryGetProperty("name", out var n) ? n.GetString() ?? Path.GetFileName(folder) : Path.GetFileName(folder);
        return new SegmentationTask(Path.GetFullPath(folder), name, kinds[0], modalities.Count, names, training, test);
    }

    /// <summary>"hippocampus_001" from ".../hippocampus_001.nii.gz".</summary>
    public static string CaseId(string path)
    {
        string file = Path.GetFileName(path);
        foreach (var ext in new[] { ".nii.gz", ".nii" })
            if (file.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) return file[..^ext.Length];
        return Path.GetFileNameWithoutExtension(file);
    }

    static JsonElement Object(JsonElement root, string name, string json) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Object ? e
            : throw UserInputException.ForFile(json, $"missing the '{name}' object");

    static string Resolve(string folder, string relative, string json)
    {
        string path = Path.GetFullPath(Path.Combine(folder, relative));
        if (!File.Exists(path)) throw UserInputException.ForFile(json, $"names {relative}, which does not exist ({path})");
        return path;
    }
}
