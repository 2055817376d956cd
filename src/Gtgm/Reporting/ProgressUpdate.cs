namespace Gtgm.Reporting;

/// <summary>
/// One progress report from a long-running library call. The library never writes to the console: it
/// reports through <see cref="IProgress{T}"/> and the front end (the CLI's live bar or log lines, a test,
/// a notebook) decides how to show it. Rate and ETA are computed by the receiver from successive reports.
/// </summary>
/// <param name="Task">Short name of the work, e.g. "pretrain" or "read volumes".</param>
/// <param name="Done">Units finished so far.</param>
/// <param name="Total">Units in all, when known.</param>
/// <param name="Unit">What one unit is ("step", "volume", "caption").</param>
/// <param name="Detail">Latest figures worth showing, e.g. "loss 0.412".</param>
public readonly record struct ProgressUpdate(string Task, long Done, long? Total, string Unit, string? Detail = null);

public static class Progress
{
    /// <summary>A sink that drops every report, for callers that don't want progress.</summary>
    public static readonly IProgress<ProgressUpdate> None = new NullProgress();

    sealed class NullProgress : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) { }
    }
}
