using System.Text.Json;

namespace Gtgm.Text.Blip;

/// <summary>One training pair for captioner finetuning.</summary>
public sealed record CaptionedImage(string ImagePath, string Caption);

/// <summary>
/// A MedICAT-like finetuning set: a folder of 2-D images and a <c>captions.jsonl</c> whose lines are
/// <c>{"image": "relative/path.png", "caption": "..."}</c>.
/// </summary>
public static class CaptionedImageFolder
{
    public const string IndexFile = "captions.jsonl";

    public static IReadOnlyList<CaptionedImage> Read(string folder)
    {
        string index = Path.Combine(folder, IndexFile);
        if (!Directory.Exists(folder)) throw UserInputException.ForFile(folder, "data folder not found");
        if (!File.Exists(index)) throw UserInputException.ForFile(folder, $"no {IndexFile} (lines of {{\"image\": ..., \"caption\": ...}})");
        var items = new List<CaptionedImage>();
        int number = 0;
        foreach (string line in File.ReadLines(index))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string? image = null, caption = null;
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("image", out var i) && i.ValueKind == JsonValueKind.String) image = i.GetString();
                if (doc.RootElement.TryGetProperty("caption", out var c) && c.ValueKind == JsonValueKind.String) caption = c.GetString();
            }
            catch (JsonException e) { throw UserInputException.ForFile(index, $"line {number}: not JSON ({e.Message})"); }
            if (string.IsNullOrWhiteSpace(image) || string.IsNullOrWhiteSpace(caption))
                throw UserInputException.ForFile(index, $"line {number}: needs string fields \"image\" and \"caption\"");
            string path = Path.GetFullPath(Path.Combine(folder, image));
            if (!File.Exists(path)) throw UserInputException.ForFile(index, $"line {number}: image '{image}' not found");
            items.Add(new CaptionedImage(path, caption));
        }
        if (items.Count == 0) throw UserInputException.ForFile(index, "no image/caption pairs");
        return items;
    }
}
