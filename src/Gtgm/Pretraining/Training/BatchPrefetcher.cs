namespace Gtgm.Pretraining.Training;

/// <summary>
/// Loads batch i+1 on a worker thread while step i runs. Batches are pure functions of their index, so
/// prefetching changes timing only, never content. <see cref="LastWait"/> is how long the caller blocked.
/// </summary>
sealed class BatchPrefetcher : IDisposable
{
    readonly IPretrainDataSource _source;
    readonly int _batchSize;
    Task<HostBatch>? _pending;
    long _pendingIndex = -1;

    public TimeSpan LastWait { get; private set; }

    public BatchPrefetcher(IPretrainDataSource source, int batchSize)
    {
        _source = source;
        _batchSize = batchSize;
    }

    public HostBatch Get(long index)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var batch = _pending != null && _pendingIndex == index ? _pending.GetAwaiter().GetResult() : _source.GetBatch(index, _batchSize);
        LastWait = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        _pendingIndex = index + 1;
        _pending = Task.Run(() => _source.GetBatch(index + 1, _batchSize));
        return batch;
    }

    public void Dispose()
    {
        try { _pending?.Wait(); } catch (AggregateException) { } // a failing prefetch past the last step is irrelevant
    }
}
