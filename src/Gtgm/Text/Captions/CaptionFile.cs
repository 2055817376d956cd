using System.Text;
using System.Text.Json;
using Gtgm.IO;

namespace Gtgm.Text.Captions;

/// <summary>
/// <c>captions.jsonl</c>: one <see cref="CaptionRecord"/> per line, UTF-8. Blank lines are skipped, so a file
/// that ends in a newline, or one built by concatenating others, reads back unchanged.
/// </summary>
public static class CaptionFile
{
    static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads every record; a line that is not a complete record is a <see cref="UserInputException"/> naming the file and line.</summary>
    public static IReadOnlyList<CaptionRecord> Read(string path)
    {
        if (!File.Exists(path)) throw UserInputException.ForFile(path, "captions file not found");
        var records = new List<CaptionRecord>();
        int number = 0;
        foreach (string line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            records.Add(Parse(line, path, number));
        }
        return records;
    }

    static CaptionRecord Parse(string line, string path, int number)
    {
        try
        {
            return JsonSerializer.Deserialize<CaptionRecord>(line, Options)
                ?? throw UserInputException.ForFile(path, $"line {number}: null instead of a caption record");
        }
        catch (JsonException e)
        {
            // System.Text.Json reports the missing required properties or the position within the line.
            throw UserInputException.ForFile(path, $"line {number}: not a caption record ({e.Message})");
        }
    }

    public static string ToLine(CaptionRecord record) => JsonSerializer.Serialize(record, Options);

    /// <summary>Replaces the file with these records, atomically.</summary>
    public static void Write(string path, IEnumerable<CaptionRecord> records) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        foreach (var r in records) writer.Write(ToLine(r) + "\n");
    });

    /// <summary>
    /// Adds records at the end and flushes them to disk, so a resumable job that is killed loses at most the
    /// line being written. A torn last line from an earlier kill is completed with a newline first, so it
    /// stays one broken line (reported by <see cref="Read"/>) instead of corrupting the next record too.
    /// </summary>
    public static void Append(string path, IEnumerable<CaptionRecord> records)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        bool needsNewline = false;
        if (stream.Length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            needsNewline = stream.ReadByte() != '\n';
        }
        stream.Seek(0, SeekOrigin.End);
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            if (needsNewline) writer.Write('\n');
            foreach (var r in records) writer.Write(ToLine(r) + "\n");
        }
        stream.Flush(flushToDisk: true);
    }
}
