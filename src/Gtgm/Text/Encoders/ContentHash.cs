using System.Security.Cryptography;

namespace Gtgm.Text.Encoders;

/// <summary>Short content hashes that go into encoder ids, so that changed weights invalidate cached embeddings.</summary>
public static class ContentHash
{
    /// <summary>The first 12 hex digits of the SHA-256 of the bytes (48 bits: collisions are no practical concern here).</summary>
    public static string Short(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];

    public static string ShortOfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }
}
