using System.Diagnostics;

namespace Gtgm.Bench.Harness;

/// <summary>Median timings of this project and its peer, in seconds, with every sample kept for the report.</summary>
public sealed record AlternateTiming(double Ours, double? Peer, IReadOnlyList<double> OursSamples, IReadOnlyList<double> PeerSamples)
{
    /// <summary>Spread of our samples as (max - min) / median: how noisy the run was.</summary>
    public double OursSpread => Measure.Spread(OursSamples);
}

/// <summary>
/// Timing helpers. The machine is shared and noisy, so ours and the peer run alternately (a burst of load hits
/// both alike) and the median of several repetitions is reported, never the mean or the best.
/// </summary>
public static class Measure
{
    /// <summary>
    /// Runs <paramref name="ours"/> and <paramref name="peer"/> alternately, <paramref name="reps"/> times each after
    /// <paramref name="warmup"/> untimed calls each, timing every call with a stopwatch. A null peer is skipped.
    /// </summary>
    public static AlternateTiming Alternate(Action ours, Action? peer, int reps, int warmup = 1) =>
        Alternate(() => Time(ours), peer == null ? null : () => Time(peer), reps, warmup);

    /// <summary>
    /// As <see cref="Alternate(Action, Action?, int, int)"/>, for actions that time themselves and return seconds:
    /// a peer in another process reports its own time so process start-up and the pipe are not counted.
    /// </summary>
    public static AlternateTiming Alternate(Func<double> ours, Func<double>? peer, int reps, int warmup = 1)
    {
        if (reps < 1) throw new ArgumentOutOfRangeException(nameof(reps), reps, "at least one repetition");
        for (int i = 0; i < warmup; i++)
        {
            ours();
            peer?.Invoke();
        }
        var o = new List<double>(reps);
        var p = new List<double>(reps);
        for (int i = 0; i < reps; i++)
        {
            // Swap the order every repetition so neither side always runs on a cache the other just warmed.
            if (i % 2 == 0) { o.Add(ours()); if (peer != null) p.Add(peer()); }
            else { if (peer != null) p.Add(peer()); o.Add(ours()); }
        }
        return new AlternateTiming(Median(o), peer == null ? null : Median(p), o, p);
    }

    /// <summary>Wall-clock seconds of one call.</summary>
    public static double Time(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.OrderBy(v => v).ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }

    public static double Spread(IReadOnlyList<double> values) =>
        values.Count < 2 ? 0 : (values.Max() - values.Min()) / Median(values);
}
