using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gtgm.Pretraining.Training;

/// <summary>
/// Checkpoints as folders <c>step-000100/</c> under one directory. A checkpoint's files are written into a
/// hidden temporary folder, a <c>manifest.json</c> listing each file's size and SHA-256 is written last,
/// and the folder is renamed into place, so a reader sees a whole checkpoint or none. Only the newest
/// <see cref="Keep"/> are kept. Loading verifies the manifest first: a truncated or altered file is
/// reported by name (<see cref="UserInputException"/>) and never handed to the deserialiser.
/// </summary>
public sealed class CheckpointStore
{
    public const string ManifestName = "manifest.json";
    const string Prefix = "step-";

    public string Directory { get; }
    public int Keep { get; }

    public CheckpointStore(string directory, int keep)
    {
        if (keep < 1) throw new UserInputException($"--keep-checkpoints {keep}: must be at least 1");
        Directory = directory;
        Keep = keep;
    }

    public static string FolderName(long step) => $"{Prefix}{step:D6}";

    /// <summary>Writes checkpoint <paramref name="step"/>: <paramref name="writeFiles"/> fills the folder it is given.</summary>
    public string Save(long step, Action<string> writeFiles)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string final = Path.Combine(Directory, FolderName(step));
        string temp = Path.Combine(Directory, "." + FolderName(step) + "." + Environment.ProcessId + ".tmp");
        if (System.IO.Directory.Exists(temp)) System.IO.Directory.Delete(temp, true);
        System.IO.Directory.CreateDirectory(temp);
        try
        {
            writeFiles(temp);
            var files = new JsonObject();
            foreach (var file in System.IO.Directory.GetFiles(temp).OrderBy(f => f, StringComparer.Ordinal))
                files[Path.GetFileName(file)] = new JsonObject { ["bytes"] = new FileInfo(file).Length, ["sha256"] = Hash(file) };
            var manifest = new JsonObject { ["step"] = step, ["files"] = files };
            File.WriteAllText(Path.Combine(temp, ManifestName), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            if (System.IO.Directory.Exists(final)) System.IO.Directory.Delete(final, true);
            System.IO.Directory.Move(temp, final);
        }
        catch
        {
            if (System.IO.Directory.Exists(temp)) System.IO.Directory.Delete(temp, true);
            throw;
        }
        Prune();
        return final;
    }

    /// <summary>Complete checkpoints (those with a manifest), oldest first.</summary>
    public IReadOnlyList<(long Step, string Path)> List()
    {
        if (!System.IO.Directory.Exists(Directory)) return Array.Empty<(long, string)>();
        return System.IO.Directory.GetDirectories(Directory, Prefix + "*")
            .Select(d => (Path: d, Name: Path.GetFileName(d)))
            .Where(d => long.TryParse(d.Name[Prefix.Length..], out _) && File.Exists(Path.Combine(d.Path, ManifestName)))
            .Select(d => (long.Parse(d.Name[Prefix.Length..]), d.Path))
            .OrderBy(d => d.Item1)
            .ToList();
    }

    public (long Step, string Path)? Latest() => List() is { Count: > 0 } all ? all[^1] : null;

    /// <summary>Checks every file against the manifest; throws naming the first that does not match.</summary>
    public static void Verify(string checkpoint)
    {
        string manifestPath = Path.Combine(checkpoint, ManifestName);
        if (!File.Exists(manifestPath))
            throw UserInputException.ForFile(checkpoint, "incomplete checkpoint (no manifest.json); not loaded");
        JsonObject manifest;
        try
        {
            manifest = JsonNode.Parse(File.ReadAllText(manifestPath)) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            throw UserInputException.ForFile(manifestPath, $"corrupt checkpoint manifest ({e.Message}); not loaded");
        }
        if (manifest["files"] is not JsonObject files || files.Count == 0)
            throw UserInputException.ForFile(manifestPath, "corrupt checkpoint manifest (no files listed); not loaded");
        foreach (var (name, entry) in files)
        {
            string file = Path.Combine(checkpoint, name);
            if (!File.Exists(file))
                throw UserInputException.ForFile(file, "missing from checkpoint; not loaded");
            long expectedBytes = entry?["bytes"]?.GetValue<long>() ?? -1;
            long actual = new FileInfo(file).Length;
            if (actual != expectedBytes)
                throw UserInputException.ForFile(file, $"corrupt checkpoint: {actual} bytes, manifest says {expectedBytes} (truncated?); not loaded");
            if (Hash(file) != entry?["sha256"]?.GetValue<string>())
                throw UserInputException.ForFile(file, "corrupt checkpoint: SHA-256 does not match the manifest; not loaded");
        }
    }

    void Prune()
    {
        var all = List();
        for (int i = 0; i < all.Count - Keep; i++) System.IO.Directory.Delete(all[i].Path, true);
    }

    static string Hash(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
