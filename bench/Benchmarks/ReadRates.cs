using System.Diagnostics;

namespace Gtgm.Bench.Benchmarks;

/// <summary>
/// Median read rates of ours and a peer over alternating passes: one untimed warm-up each (JIT, page cache), then
/// the order swaps every pass so neither side always runs on a cache the other just warmed.
/// </summary>
static class ReadRates
{
    /// <param name="voxels">Voxels one pass reads.</param>
    /// <param name="ours">One pass of ours.</param>
    /// <param name="peer">One pass of the peer, returning the seconds it measured itself; null when there is none.</param>
    public static (double Ours, double? Peer) MegavoxelsPerSecond(long voxels, Action ours, Func<double>? peer, int passes)
    {
        var o = new List<double>();
        var p = new List<double>();
        for (int pass = -1; pass < passes; pass++)
        {
            double to, tp = 0;
            if (pass % 2 == 0) { to = Time(ours); if (peer != null) tp = peer(); }
            else { if (peer != null) tp = peer(); to = Time(ours); }
            if (pass < 0) continue;
            o.Add(voxels / to / 1e6);
            if (peer != null) p.Add(voxels / tp / 1e6);
        }
        return (Median(o), peer == null ? null : Median(p));
    }

    static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    static double Median(List<double> values)
    {
        var s = values.OrderBy(v => v).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
