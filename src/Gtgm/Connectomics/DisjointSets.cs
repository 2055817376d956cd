namespace Gtgm.Connectomics;

/// <summary>Union–find over 0..n−1 with union by size and path halving; the larger set's root survives (ties: the lower index).</summary>
sealed class DisjointSets
{
    readonly int[] _parent;
    readonly int[] _size;

    public DisjointSets(int count)
    {
        _parent = new int[count];
        _size = new int[count];
        for (int i = 0; i < count; i++) { _parent[i] = i; _size[i] = 1; }
    }

    public int Find(int i)
    {
        while (_parent[i] != i) i = _parent[i] = _parent[_parent[i]];
        return i;
    }

    /// <summary>Joins the sets of two roots; returns the root of the union.</summary>
    public int UnionRoots(int a, int b)
    {
        if (_size[a] < _size[b] || (_size[a] == _size[b] && b < a)) (a, b) = (b, a);
        _parent[b] = a;
        _size[a] += _size[b];
        return a;
    }

    public int SizeOfRoot(int root) => _size[root];
}
