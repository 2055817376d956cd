namespace Gtgm.Platform;

/// <summary>
/// Derives independent, reproducible random streams from one run seed, so adding a random choice in one
/// component does not shift the numbers another component draws. Streams are named, e.g. ("augment", worker).
/// </summary>
public static class Rng
{
    public static Random Stream(int seed, string name, long index = 0)
    {
        // FNV-1a over the name, mixed with the seed and index by SplitMix64: cheap, stable across runs and platforms
        // (string.GetHashCode is randomised per process, so it cannot be used here).
        ulong h = 14695981039346656037UL;
        foreach (char c in name) { h ^= c; h *= 1099511628211UL; }
        ulong x = h ^ (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)index * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return new Random((int)(x & 0x7fffffff));
    }
}
