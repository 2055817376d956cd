using System.Security.Cryptography;
using System.Text;

namespace Gtgm.Text.Embeddings;

/// <summary>The cache key of a caption: the SHA-256 of its exact UTF-8 bytes, lower-case hex. No normalisation.</summary>
public static class TextKey
{
    public static string Of(string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> buffer = max <= 1024 ? stackalloc byte[max] : new byte[max];
        int n = Encoding.UTF8.GetBytes(text, buffer);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer[..n], hash);
        return Convert.ToHexStringLower(hash);
    }
}
