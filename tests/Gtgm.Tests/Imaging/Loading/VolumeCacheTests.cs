using Gtgm.Imaging.Loading;

namespace Gtgm.Tests.Imaging.Loading;

public class VolumeCacheTests
{
    sealed class Loads
    {
        public readonly List<string> Calls = new();
        public byte[] Load(string key) { lock (Calls) Calls.Add(key); return new byte[int.Parse(key[1..])]; }
    }

    [Fact]
    public void KeepsRecentlyUsedValuesWithinTheBudget()
    {
        var loads = new Loads();
        var cache = new VolumeCache<byte[]>(loads.Load, b => b.Length, budgetBytes: 100);
        cache.Get("a40"); cache.Get("b40"); cache.Get("a40"); // a is now the most recent
        cache.Get("c40");                                    // 120 > 100: evicts b, the least recent
        Assert.Equal(80, cache.UsedBytes);
        cache.Get("a40");
        cache.Get("b40");
        Assert.Equal(new[] { "a40", "b40", "c40", "b40" }, loads.Calls);
        Assert.Equal(2, cache.Hits);
        Assert.True(cache.UsedBytes <= 100);
    }

    [Fact]
    public void AValueLargerThanTheBudgetIsReturnedButNotKept()
    {
        var loads = new Loads();
        var cache = new VolumeCache<byte[]>(loads.Load, b => b.Length, budgetBytes: 10);
        Assert.Equal(50, cache.Get("x50").Length);
        Assert.Equal(0, cache.UsedBytes);
        cache.Get("x50");
        Assert.Equal(2, loads.Calls.Count);
    }

    [Fact]
    public void ConcurrentRequestsShareOneLoad()
    {
        int loadsDone = 0;
        var cache = new VolumeCache<byte[]>(_ => { Interlocked.Increment(ref loadsDone); Thread.Sleep(30); return new byte[8]; }, b => b.Length, 1000);
        Parallel.For(0, 8, _ => cache.Get("same"));
        Assert.Equal(1, loadsDone);
    }

    [Fact]
    public void AFailedLoadIsRetriedNextTime()
    {
        int attempts = 0;
        var cache = new VolumeCache<byte[]>(_ => ++attempts == 1 ? throw new IOException("disk hiccup") : new byte[4], b => b.Length, 100);
        Assert.Equal("disk hiccup", Assert.Throws<IOException>(() => cache.Get("k")).Message);
        Assert.Equal(4, cache.Get("k").Length);
        Assert.Equal(2, attempts);
    }
}
