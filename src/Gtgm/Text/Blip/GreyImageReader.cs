using System.Text;
using SkiaSharp;

namespace Gtgm.Text.Blip;

/// <summary>
/// Reads a 2-D image file as 8-bit grey, row-major: PNG, JPEG, BMP, GIF and WebP through SkiaSharp (colour
/// is reduced to luma 0.299 R + 0.587 G + 0.114 B, as PIL's "L" mode does), and binary PGM (P5, 8-bit).
/// </summary>
public static class GreyImageReader
{
    public static (byte[] Pixels, int Height, int Width) Read(string path)
    {
        if (!File.Exists(path)) throw UserInputException.ForFile(path, "image not found");
        return Path.GetExtension(path).ToLowerInvariant() == ".pgm" ? ReadPgm(path) : ReadWithSkia(path);
    }

    static (byte[], int, int) ReadWithSkia(string path)
    {
        using var bitmap = SKBitmap.Decode(path) ?? throw UserInputException.ForFile(path, "not a readable image (PNG, JPEG, BMP, GIF, WebP or PGM)");
        int h = bitmap.Height, w = bitmap.Width;
        var grey = new byte[h * w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                var c = bitmap.GetPixel(x, y);
                grey[y * w + x] = (byte)Math.Round(0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue);
            }
        return (grey, h, w);
    }

    static (byte[], int, int) ReadPgm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int pos = 0;
        string Token()
        {
            while (pos < bytes.Length && (char.IsWhiteSpace((char)bytes[pos]) || bytes[pos] == '#'))
                if (bytes[pos] == '#') while (pos < bytes.Length && bytes[pos] != '\n') pos++;
                else pos++;
            int start = pos;
            while (pos < bytes.Length && !char.IsWhiteSpace((char)bytes[pos])) pos++;
            return Encoding.ASCII.GetString(bytes, start, pos - start);
        }
        if (Token() != "P5") throw UserInputException.ForFile(path, "not a binary PGM (P5) file");
        if (!int.TryParse(Token(), out int w) || !int.TryParse(Token(), out int h) || !int.TryParse(Token(), out int max) || w <= 0 || h <= 0)
            throw UserInputException.ForFile(path, "PGM header is not 'P5 width height maxval'");
        if (max > 255) throw UserInputException.ForFile(path, $"16-bit PGM (maxval {max}) is not supported");
        pos++; // the single whitespace after maxval
        if (bytes.Length - pos < w * h) throw UserInputException.ForFile(path, $"PGM data is truncated ({bytes.Length - pos} of {w * h} bytes)");
        var pixels = bytes.AsSpan(pos, w * h).ToArray();
        if (max != 255) for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)Math.Min(255, pixels[i] * 255 / max);
        return (pixels, h, w);
    }
}
