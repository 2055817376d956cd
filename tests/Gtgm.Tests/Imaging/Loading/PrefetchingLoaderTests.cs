using Gtgm.Imaging.Loading;
using Gtgm.Platform;

namespace Gtgm.Tests.Imaging.Loading;

public class PrefetchingLoaderTests
{
    static (long, int) Item(long i, Random rng, CancellationToken _)
    {
        Thread.Sleep((int)(i * 7 % 5)); // uneven work, so workers finish out of order
        return (i, rng.Next());
    }

    [Fact]
    public void ItemsArriveInIndexOrderWithPerIndexStreamsWhateverTheWorkerCount()
    {
        var expected = Enumerable.Range(0, 30).Select(i => ((long)i, Rng.Stream(9, "batch", i).Next())).ToList();
        Assert.Equal(expected, new PrefetchingLoader<(long, int)>(Item, 30, 9, "batch", workers: 1).ToList());
        Assert.Equal(expected, new PrefetchingLoader<(long, int)>(Item, 30, 9, "batch", workers: 4, capacity: 3).ToList());
    }

    [Fact]
    public void StartingAtAnIndexResumesTheSameSequence()
    {
        var full = new PrefetchingLoader<(long, int)>(Item, 12, 1, "batch").ToList();
        var resumed = new PrefetchingLoader<(long, int)>(Item, 7, 1, "batch", firstIndex: 5).ToList();
        Assert.Equal(full.Skip(5), resumed);
    }

    [Fact]
    public void AWorkerExceptionReachesTheConsumerWithItsMessage()
    {
        var loader = new PrefetchingLoader<long>((i, _, _) => i == 3 ? throw new InvalidDataException("volume 3 is corrupt") : i, 10, 0, "x", workers: 3);
        var seen = new List<long>();
        var e = Assert.Throws<InvalidDataException>(() => { foreach (var i in loader) seen.Add(i); });
        Assert.Equal("volume 3 is corrupt", e.Message);
        Assert.Equal(new long[] { 0, 1, 2 }, seen);
    }

    [Fact]
    public void WorkersStayWithinTheQueueBound()
    {
        long started = 0, consumed = 0, worst = 0;
        var loader = new PrefetchingLoader<long>((i, _, _) => { Interlocked.Increment(ref started); return i; }, 40, 0, "x", workers: 3, capacity: 4);
        foreach (var _ in loader)
        {
            consumed++;
            Thread.Sleep(3);
            worst = Math.Max(worst, Interlocked.Read(ref started) - consumed);
        }
        Assert.Equal(40, consumed);
        Assert.InRange(worst, 1, 4 + 1);
    }

    [Fact]
    public void LeavingEarlyStopsTheWorkersAndCancellationSurfaces()
    {
        long started = 0;
        var loader = new PrefetchingLoader<long>((i, _, _) => { Interlocked.Increment(ref started); return i; }, long.MaxValue, 0, "x", capacity: 2);
        Assert.Equal(new long[] { 0, 1, 2 }, loader.Take(3).ToArray());
        long after = Interlocked.Read(ref started);
        Thread.Sleep(50);
        Assert.Equal(after, Interlocked.Read(ref started));

        using var cts = new CancellationTokenSource();
        var cancelled = new PrefetchingLoader<long>((i, _, _) => i, long.MaxValue, 0, "x", cancellationToken: cts.Token);
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var i in cancelled) if (i == 5) cts.Cancel();
        });
    }

    [Fact]
    public void WaitTimeCountsTheConsumersIdleTime()
    {
        var loader = new PrefetchingLoader<long>((i, _, _) => { Thread.Sleep(30); return i; }, 4, 0, "x", workers: 1);
        Assert.Equal(4, loader.Count());
        Assert.True(loader.WaitTime >= TimeSpan.FromMilliseconds(80), $"waited {loader.WaitTime.TotalMilliseconds} ms");
    }
}
