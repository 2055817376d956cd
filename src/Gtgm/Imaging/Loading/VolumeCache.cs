namespace Gtgm.Imaging.Loading;

/// <summary>
/// A thread-safe, least-recently-used cache of loaded (and usually preprocessed) volumes within a byte budget, so a
/// loader's memory stays bounded however large the dataset. Values are loaded lazily through a delegate (the cache
/// knows nothing of file formats); concurrent requests for the same key share one load. A value larger than the
/// whole budget is returned but not kept. Evicting only drops the cache's reference: a worker still using a volume keeps it.
/// </summary>
public sealed class VolumeCache<TValue>
{
    readonly Func<string, TValue> _load;
    readonly Func<TValue, long> _bytes;
    readonly object _lock = new();
    readonly Dictionary<string, LinkedListNode<Entry>> _entries = new();
    readonly LinkedList<Entry> _recency = new(); // most recent first
    long _used;

    sealed class Entry(string key, Lazy<TValue> value)
    {
        public string Key { get; } = key;
        public Lazy<TValue> Value { get; } = value;
        public long Bytes = -1; // -1 while loading
    }

    public long BudgetBytes { get; }
    public long UsedBytes { get { lock (_lock) return _used; } }
    public int Count { get { lock (_lock) return _entries.Count; } }
    public long Hits { get; private set; }
    public long Misses { get; private set; }

    public VolumeCache(Func<string, TValue> load, Func<TValue, long> bytes, long budgetBytes)
    {
        if (budgetBytes < 0) throw new ArgumentOutOfRangeException(nameof(budgetBytes), "The cache budget cannot be negative.");
        _load = load; _bytes = bytes; BudgetBytes = budgetBytes;
    }

    public TValue Get(string key)
    {
        LinkedListNode<Entry> node;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out node!))
            {
                Hits++;
                _recency.Remove(node);
                _recency.AddFirst(node);
            }
            else
            {
                Misses++;
                node = _recency.AddFirst(new Entry(key, new Lazy<TValue>(() => _load(key), LazyThreadSafetyMode.ExecutionAndPublication)));
                _entries[key] = node;
            }
        }
        TValue value;
        try
        {
            value = node.Value.Value.Value;
        }
        catch
        {
            lock (_lock) Remove(node); // a failed load is not cached: the next request retries it
            throw;
        }
        lock (_lock)
        {
            if (node.Value.Bytes < 0 && node.List != null)
            {
                node.Value.Bytes = _bytes(value);
                _used += node.Value.Bytes;
                if (node.Value.Bytes > BudgetBytes) Remove(node);
                EvictOverBudget();
            }
        }
        return value;
    }

    void EvictOverBudget()
    {
        var node = _recency.Last;
        while (_used > BudgetBytes && node != null)
        {
            var previous = node.Previous;
            if (node.Value.Bytes >= 0) Remove(node); // entries still loading have no size yet; they are accounted when done
            node = previous;
        }
    }

    void Remove(LinkedListNode<Entry> node)
    {
        if (node.List == null) return;
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
        if (node.Value.Bytes > 0) _used -= node.Value.Bytes;
    }
}

/// <summary>Byte sizes of the volume types, for <see cref="VolumeCache{TValue}"/>.</summary>
public static class VolumeBytes
{
    public static long Of(Volume v) => v.Data.LongLength * sizeof(float);
    public static long Of(LabelVolume v) => v.Data.LongLength * sizeof(int);
    public static long Of((Volume Image, LabelVolume? Labels) pair) => Of(pair.Image) + (pair.Labels == null ? 0 : Of(pair.Labels));
}
