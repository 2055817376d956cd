using Gtgm.Imaging;

namespace Gtgm.Connectomics;

/// <summary>
/// Greedy region agglomeration on the region adjacency graph of fragments, as waterz does it (Funke et al.,
/// "Large scale image segmentation with structured loss based deep learning for connectome reconstruction",
/// IEEE TPAMI 2019): every pair of touching regions is scored from the affinity edges between them (default: their
/// mean affinity), the best pair is merged, the merged region's boundaries are rescored (a shared neighbour's two
/// boundaries become one), and this repeats until the best score is below the threshold. Pairs with equal scores
/// merge in order of their regions' first voxels. Fragment 0 is background: never merged, kept 0 in the output.
/// Output ids are 1..N in order of each region's first voxel (x fastest).
/// </summary>
public static class RegionAgglomeration
{
    /// <summary>The segmentation once no touching pair scores at least <paramref name="threshold"/>.</summary>
    public static LabelVolume Agglomerate(LabelVolume fragments, Volume affinities, double threshold, IMergeScore? score = null) =>
        Agglomerate(fragments, affinities, new[] { threshold }, score)[0];

    /// <summary>
    /// One segmentation per threshold (in the order given), from a single agglomeration pass: merging runs from the
    /// highest threshold down, and each threshold's segmentation is read off on the way.
    /// </summary>
    public static IReadOnlyList<LabelVolume> Agglomerate(LabelVolume fragments, Volume affinities, IReadOnlyList<double> thresholds, IMergeScore? score = null)
    {
        var graph = AffinityGraph.Of(affinities);
        if (!fragments.Geometry.SameGrid(affinities.Geometry))
            throw new ArgumentException($"Fragments ({fragments.Geometry}) and affinities ({affinities.Geometry}) are on different grids.");
        if (thresholds.Count == 0 || thresholds.Any(double.IsNaN))
            throw new ArgumentException("Agglomeration needs at least one threshold, and no NaN.");

        var (region, regions) = DenseRegions(fragments.Data);
        var rag = new RegionGraph(regions, score ?? MeanAffinity.Instance);
        var aff = affinities.Data;
        for (int e = 0; e < aff.Length; e++)
            if (graph.TryEndpoints(e, out int i, out int j) && region[i] != region[j] && region[i] != 0 && region[j] != 0)
                rag.AddEdge(region[i], region[j], aff[e]);

        var results = new LabelVolume[thresholds.Count];
        foreach (int t in Enumerable.Range(0, thresholds.Count).OrderByDescending(t => thresholds[t]))
        {
            rag.MergeWhileAtLeast(thresholds[t]);
            results[t] = new LabelVolume(fragments.Geometry, rag.Label(region));
        }
        return results;
    }

    /// <summary>Fragment ids renumbered 1..R in order of first voxel (0 stays 0), and R + 1.</summary>
    static (int[] Region, int Count) DenseRegions(int[] fragments)
    {
        var region = (int[])fragments.Clone();
        return (region, LabelNumbering.ByFirstVoxel(region) + 1);
    }

    /// <summary>The region adjacency graph, its merge queue (stale entries skipped by version), and which region absorbed which.</summary>
    sealed class RegionGraph
    {
        readonly IMergeScore _score;
        readonly Dictionary<int, int>[] _neighbours;
        readonly int[] _mergedInto;
        readonly List<(int A, int B)> _ends = new();
        readonly List<BoundaryStatistics> _stats = new();
        readonly List<int> _version = new();
        readonly PriorityQueue<(int Edge, int Version), (double Score, int A, int B)> _queue = new(BestFirst.Instance);
        bool _queued;

        public RegionGraph(int regions, IMergeScore score)
        {
            _score = score;
            _neighbours = new Dictionary<int, int>[regions];
            _mergedInto = new int[regions];
            for (int r = 0; r < regions; r++) { _neighbours[r] = new Dictionary<int, int>(); _mergedInto[r] = r; }
        }

        public void AddEdge(int a, int b, float affinity)
        {
            if (_neighbours[a].TryGetValue(b, out int e))
            {
                _stats[e] = _stats[e].Add(affinity);
                return;
            }
            e = _ends.Count;
            _ends.Add((Math.Min(a, b), Math.Max(a, b)));
            _stats.Add(BoundaryStatistics.Of(affinity));
            _version.Add(-1);
            _neighbours[a][b] = e;
            _neighbours[b][a] = e;
        }

        public void MergeWhileAtLeast(double threshold)
        {
            if (!_queued)
            {
                for (int e = 0; e < _ends.Count; e++) Enqueue(e);
                _queued = true;
            }
            while (_queue.TryPeek(out var top, out var priority) && priority.Score >= threshold)
            {
                _queue.Dequeue();
                if (top.Version == _version[top.Edge]) Merge(top.Edge);
            }
        }

        void Merge(int edge)
        {
            var (a, b) = _ends[edge];
            _version[edge] = int.MinValue; // dead
            int keep = _neighbours[a].Count >= _neighbours[b].Count ? a : b, gone = keep == a ? b : a;
            _neighbours[keep].Remove(gone);
            _neighbours[gone].Remove(keep);
            foreach (var (n, e) in _neighbours[gone])
            {
                _neighbours[n].Remove(gone);
                if (_neighbours[keep].TryGetValue(n, out int kept))
                {
                    _stats[kept] = _stats[kept].Combine(_stats[e]);
                    _version[e] = int.MinValue;
                    Enqueue(kept);
                }
                else
                {
                    _neighbours[keep][n] = e;
                    _neighbours[n][keep] = e;
                    _ends[e] = (Math.Min(keep, n), Math.Max(keep, n));
                    Enqueue(e);
                }
            }
            _neighbours[gone].Clear();
            _mergedInto[gone] = keep;
        }

        void Enqueue(int e)
        {
            _version[e]++;
            var (a, b) = _ends[e];
            _queue.Enqueue((e, _version[e]), (_score.Score(_stats[e]), a, b));
        }

        int Root(int r)
        {
            while (_mergedInto[r] != r) r = _mergedInto[r] = _mergedInto[_mergedInto[r]];
            return r;
        }

        /// <summary>Each voxel's current region, numbered 1..N in order of first voxel.</summary>
        public int[] Label(int[] region)
        {
            var labels = new int[region.Length];
            for (int v = 0; v < region.Length; v++)
                if (region[v] != 0) labels[v] = Root(region[v]);
            LabelNumbering.ByFirstVoxel(labels);
            return labels;
        }
    }

    /// <summary>Highest score first; equal scores by the lower region pair.</summary>
    sealed class BestFirst : IComparer<(double Score, int A, int B)>
    {
        public static readonly BestFirst Instance = new();

        public int Compare((double Score, int A, int B) x, (double Score, int A, int B) y)
        {
            int c = y.Score.CompareTo(x.Score);
            if (c != 0) return c;
            c = x.A.CompareTo(y.A);
            return c != 0 ? c : x.B.CompareTo(y.B);
        }
    }
}
