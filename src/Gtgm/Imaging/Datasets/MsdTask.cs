using System.Text.Json;

namespace Gtgm.Imaging.Datasets;

/// <summary>
/// A Medical Segmentation Decathlon task folder: <c>dataset.json</c> (name, modality per channel, label names,
/// training image/label pairs, test images) with <c>imagesTr</c>, <c>labelsTr</c> and <c>imagesTs</c>. Images
/// may be one file per case (4-D for multi-channel MRI) or one file per channel (<c>case_0000.nii.gz</c>, ...,
/// as nnU-Net stores them). Also reads nnU-Net v2's <c>channel_names</c> and name→value <c>labels</c>.
/// </summary>
public sealed class MsdTask
{
    public const string DescriptorFile = "dataset.json";

    public string Folder { get; }
    public string Name { get; }
    public string Description { get; }
    /// <summary>Modality name of each channel as dataset.json gives it ("CT", "T1", "FLAIR", ...).</summary>
    public IReadOnlyList<string> ChannelNames { get; }
    /// <summary>The task's modality, from its first channel.</summary>
    public Modality Modality { get; }
    /// <summary>Label value → name, in ascending value order.</summary>
    public IReadOnlyDictionary<int, string> Labels { get; }
    public IReadOnlyList<MsdCase> Training { get; }
    public IReadOnlyList<MsdCase> Test { get; }

    MsdTask(string folder, string name, string description, IReadOnlyList<string> channels, IReadOnlyDictionary<int, string> labels,
        IReadOnlyList<MsdCase> training, IReadOnlyList<MsdCase> test)
    {
        Folder = folder;
        Name = name;
        Description = description;
        ChannelNames = channels;
        Modality = channels.Count > 0 ? ModalityNames.Parse(channels[0]) : Modality.Other;
        Labels = labels;
        Training = training;
        Test = test;
    }

    public static bool IsTaskFolder(string folder) => File.Exists(Path.Combine(folder, DescriptorFile));

    public static MsdTask Load(string folder)
    {
        string json = Path.Combine(folder, DescriptorFile);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: folder not found");
        if (!File.Exists(json)) throw UserInputException.ForFile(folder, $"not an MSD task folder: it has no {DescriptorFile}");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(json), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{json}: not valid JSON ({e.Message})", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            var channels = Channels(root, json);
            var missing = new List<string>();
            var training = Cases(root, "training", folder, channels.Count, withLabels: true, missing, json);
            var test = Cases(root, "test", folder, channels.Count, withLabels: false, missing, json);
            if (missing.Count > 0)
                throw UserInputException.ForFile(json, $"{missing.Count} file(s) it names are missing: "
                    + string.Join(", ", missing.Take(10)) + (missing.Count > 10 ? $", and {missing.Count - 10} more" : ""));
            string name = Text(root, "name") ?? Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
            return new MsdTask(Path.GetFullPath(folder), name, Text(root, "description") ?? "", channels, LabelNames(root, json), training, test);
        }
    }

    /// <summary>The case's image with all its channels, tagged with the task's modality.</summary>
    public Volume ReadImage(MsdCase c)
    {
        if (c.ChannelPaths.Count == 1) return VolumeIO.ReadImage(c.ImagePath).WithModality(Modality);
        var parts = c.ChannelPaths.Select(VolumeIO.ReadImage).ToArray();
        for (int i = 1; i < parts.Length; i++)
            if (!parts[i].Geometry.SameGrid(parts[0].Geometry))
                throw UserInputException.ForFile(c.ChannelPaths[i], $"channel {i} is on a different grid ({parts[i].Geometry}) from channel 0 {c.ChannelPaths[0]} ({parts[0].Geometry})");
        var data = parts.SelectMany(p => p.Data).ToArray();
        return new Volume(parts[0].Geometry, parts.Sum(p => p.Channels), data, Modality);
    }

    /// <summary>The case's labels, checked to lie on its image's grid.</summary>
    public LabelVolume ReadLabels(MsdCase c, Volume image)
    {
        if (c.LabelPath == null) throw UserInputException.ForFile(c.ImagePath, $"case {c.Id} has no labels (it is a test case)");
        var labels = VolumeIO.ReadLabels(c.LabelPath);
        GridCheck.RequireSameGrid(c.ImagePath, image, c.LabelPath, labels);
        return labels;
    }

    static IReadOnlyList<string> Channels(JsonElement root, string json)
    {
        var map = root.TryGetProperty("modality", out var m) ? m : root.TryGetProperty("channel_names", out var cn) ? cn : default;
        if (map.ValueKind != JsonValueKind.Object) return Array.Empty<string>();
        return map.EnumerateObject()
            .Select(p => (Index: int.TryParse(p.Name, out int i) ? i : throw UserInputException.ForFile(json, $"modality key \"{p.Name}\" is not a channel number"), Name: p.Value.GetString() ?? ""))
            .OrderBy(p => p.Index).Select(p => p.Name).ToArray();
    }

    static IReadOnlyDictionary<int, string> LabelNames(JsonElement root, string json)
    {
        var labels = new SortedDictionary<int, string>();
        if (!root.TryGetProperty("labels", out var l) || l.ValueKind != JsonValueKind.Object) return labels;
        foreach (var p in l.EnumerateObject())
        {
            if (int.TryParse(p.Name, out int value) && p.Value.ValueKind == JsonValueKind.String) labels[value] = p.Value.GetString()!;
            else if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out value)) labels[value] = p.Name;   // nnU-Net v2: name → value
            else throw UserInputException.ForFile(json, $"label entry \"{p.Name}\": {p.Value} is neither value→name nor name→value");
        }
        return labels;
    }

    static IReadOnlyList<MsdCase> Cases(JsonElement root, string key, string folder, int channels, bool withLabels, List<string> missing, string json)
    {
        if (!root.TryGetProperty(key, out var list) || list.ValueKind != JsonValueKind.Array) return Array.Empty<MsdCase>();
        var cases = new List<MsdCase>();
        foreach (var item in list.EnumerateArray())
        {
            string? image = item.ValueKind == JsonValueKind.String ? item.GetString() : Text(item, "image");
            if (image == null) throw UserInputException.ForFile(json, $"an entry of \"{key}\" has no image: {item}");
            string? label = withLabels ? Text(item, "label") : null;
            var channelPaths = ImageFiles(Resolve(folder, image), channels);
            if (channelPaths == null) { missing.Add(image); continue; }
            string? labelPath = label == null ? null : Resolve(folder, label);
            if (labelPath != null && !File.Exists(labelPath)) { missing.Add(label!); continue; }
            cases.Add(new MsdCase(CaseId(image), channelPaths[0], labelPath) { ChannelPaths = channelPaths });
        }
        return cases;
    }

    /// <summary>The named file, or its per-channel files <c>stem_0000.ext</c> ... when only those exist; null if neither.</summary>
    static string[]? ImageFiles(string path, int channels)
    {
        if (File.Exists(path)) return new[] { path };
        string dir = Path.GetDirectoryName(path)!;
        string name = Path.GetFileName(path);
        string ext = name.EndsWith(".nii.gz", StringComparison.OrdinalIgnoreCase) ? ".nii.gz" : Path.GetExtension(name);
        string stem = name[..^ext.Length];
        var perChannel = Enumerable.Range(0, Math.Max(channels, 1)).Select(c => Path.Combine(dir, $"{stem}_{c:0000}{ext}")).ToArray();
        return perChannel.All(File.Exists) ? perChannel : null;
    }

    static string Resolve(string folder, string relative) => Path.GetFullPath(Path.Combine(folder, relative));

    /// <summary>The case name: the file name without its volume extension ("hippocampus_001").</summary>
    public static string CaseId(string path)
    {
        string name = Path.GetFileName(path);
        foreach (string ext in new[] { ".nii.gz", ".nii", ".mhd", ".mha", ".h5", ".hdf5", ".hdf" })
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) return name[..^ext.Length];
        return Path.GetFileNameWithoutExtension(name);
    }

    static string? Text(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
