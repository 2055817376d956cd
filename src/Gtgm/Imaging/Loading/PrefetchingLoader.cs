using System.Diagnostics;
using System.Threading.Channels;
using Gtgm.Platform;

namespace Gtgm.Imaging.Loading;

/// <summary>
/// Prepares items (typically whole batches) on background workers while the consumer (the model) computes.
/// <list type="bullet">
/// <item>Deterministic: item i is made by <c>produce(i, Rng.Stream(seed, streamName, i), token)</c> and items are
/// yielded in index order, so the sequence depends only on the seed, never on thread timing or worker count.
/// Starting at <c>firstIndex</c> resumes a run exactly.</item>
/// <item>Bounded: a ticket per item enters a bounded <see cref="Channel"/> of <c>capacity</c> before any worker may
/// start it, so at most <c>capacity</c> items are prepared ahead (plus those the workers are making).</item>
/// <item>Failures: a worker's exception is rethrown to the consumer, unchanged, when it reaches that item.</item>
/// <item><see cref="WaitTime"/>: how long the consumer blocked for data (pretraining logs it as data-wait).</item>
/// </list>
/// Enumerate it once; disposing the enumerator (leaving a foreach) cancels the workers.
/// </summary>
public sealed class PrefetchingLoader<T> : IEnumerable<T>
{
    public delegate T Producer(long index, Random rng, CancellationToken cancellationToken);

    readonly Producer _produce;
    readonly long _first, _count;
    readonly int _seed, _workers, _capacity;
    readonly string _stream;
    readonly CancellationToken _cancellation;
    long _waitTicks;
    int _enumerated;

    /// <param name="count">Items to yield, starting at <paramref name="firstIndex"/>; use long.MaxValue for endless.</param>
    /// <param name="streamName">Name of the per-item random stream, e.g. "pretrain-batch".</param>
    public PrefetchingLoader(Producer produce, long count, int seed, string streamName, int workers = 2, int capacity = 4,
        long firstIndex = 0, CancellationToken cancellationToken = default)
    {
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), "At least one worker is needed.");
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "The queue needs room for at least one item.");
        _produce = produce; _count = count; _seed = seed; _stream = streamName; _workers = workers; _capacity = capacity;
        _first = firstIndex; _cancellation = cancellationToken;
    }

    /// <summary>Total time the consumer spent waiting for items that were not ready yet.</summary>
    public TimeSpan WaitTime => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

    /// <summary>Time the consumer waited for the most recent item.</summary>
    public TimeSpan LastWait { get; private set; }

    sealed class Ticket(long index)
    {
        public long Index { get; } = index;
        public TaskCompletionSource<T> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public IEnumerator<T> GetEnumerator()
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0) throw new InvalidOperationException("A PrefetchingLoader can be enumerated once.");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_cancellation);
        var ordered = Channel.CreateBounded<Ticket>(new BoundedChannelOptions(_capacity) { SingleReader = true, SingleWriter = true });
        var work = Channel.CreateUnbounded<Ticket>(new UnboundedChannelOptions { SingleWriter = true });
        var dispatcher = Task.Run(() => Dispatch(ordered.Writer, work.Writer, stop.Token));
        var workers = Enumerable.Range(0, _workers).Select(_ => Task.Run(() => Work(work.Reader, stop.Token))).ToArray();
        try
        {
            var clock = new Stopwatch();
            while (true)
            {
                clock.Restart();
                // Blocking is right here: the consumer is a training loop on its own thread, not async code.
                if (!ordered.Reader.TryRead(out var ticket))
                {
                    if (!ordered.Reader.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult()) break;
                    ordered.Reader.TryRead(out ticket);
                }
                var item = ticket!.Result.Task.GetAwaiter().GetResult();
                LastWait = clock.Elapsed;
                Interlocked.Add(ref _waitTicks, LastWait.Ticks);
                yield return item;
            }
            dispatcher.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try { Task.WaitAll(workers.Append(dispatcher).ToArray()); }
            catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException)) { }
        }
    }

    async Task Dispatch(ChannelWriter<Ticket> ordered, ChannelWriter<Ticket> work, CancellationToken token)
    {
        try
        {
            for (long i = _first; i - _first < _count; i++)
            {
                var ticket = new Ticket(i);
                await ordered.WriteAsync(ticket, token).ConfigureAwait(false);
                await work.WriteAsync(ticket, token).ConfigureAwait(false);
            }
        }
        finally
        {
            ordered.TryComplete();
            work.TryComplete();
        }
    }

    async Task Work(ChannelReader<Ticket> work, CancellationToken token)
    {
        await foreach (var ticket in work.ReadAllAsync(token).ConfigureAwait(false))
        {
            try
            {
                ticket.Result.SetResult(_produce(ticket.Index, Rng.Stream(_seed, _stream, ticket.Index), token));
            }
            catch (Exception e)
            {
                ticket.Result.SetException(e);
            }
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
