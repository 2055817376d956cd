using System.Text;

namespace Gtgm.IO;

/// <summary>
/// Writes files so that a reader never sees a partial one: the bytes go to a temporary file in the same
/// folder, are flushed to disk, and the temporary file is renamed over the target (rename is atomic on
/// one file system). An interrupted write leaves at most a stray <c>*.gtgm-tmp</c> file.
/// </summary>
public static class AtomicFile
{
    public const string TempSuffix = ".gtgm-tmp";

    public static void WriteAllText(string path, string text) => Write(path, s =>
    {
        var bytes = new UTF8Encoding(false).GetBytes(text);
        s.Write(bytes, 0, bytes.Length);
    });

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy, 0, copy.Length));
    }

    /// <summary>Calls <paramref name="write"/> with a stream to a temporary file, then moves it into place.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + "." + Environment.ProcessId + TempSuffix;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
