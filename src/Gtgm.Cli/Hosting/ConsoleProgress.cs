using System.Globalization;
using Gtgm.Reporting;

namespace Gtgm.Cli.Hosting;

/// <summary>
/// Shows <see cref="ProgressUpdate"/>s. At a terminal: one live bar per task with rate and ETA, redrawn in
/// place at most ten times a second. Redirected (a log file, CI): a plain timestamped line at the first
/// report, every <see cref="LineInterval"/> after it, and at completion, so a long step is never silent.
/// </summary>
public sealed class ConsoleProgress : IProgress<ProgressUpdate>, IDisposable
{
    public static TimeSpan LineInterval { get; set; } = ReadInterval();

    readonly TextWriter _writer;
    readonly bool _live;
    readonly TimeProvider _clock;
    readonly Dictionary<string, TaskState> _tasks = new();
    readonly object _lock = new();
    bool _barOpen;

    sealed class TaskState
    {
        public DateTimeOffset Start;
        public long StartDone;
        public DateTimeOffset LastShown = DateTimeOffset.MinValue;
        public bool Finished;
    }

    public ConsoleProgress(TextWriter writer, bool live, TimeProvider clock)
    {
        _writer = writer;
        _live = live;
        _clock = clock;
    }

    public void Report(ProgressUpdate u)
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            if (!_tasks.TryGetValue(u.Task, out var t))
                _tasks[u.Task] = t = new TaskState { Start = now, StartDone = u.Done };
            bool complete = u.Total is long total && u.Done >= total;
            if (t.Finished && complete) return;
            var since = now - t.LastShown;
            bool show = complete || (_live ? since >= TimeSpan.FromMilliseconds(100) : since >= LineInterval);
            if (!show) return;
            t.LastShown = now;
            t.Finished = complete;
            string text = Format(u, t, now);
            if (_live)
            {
                _writer.Write("\r" + text.PadRight(Math.Max(text.Length, 40)));
                _barOpen = !complete;
                if (complete) _writer.WriteLine();
            }
            else
            {
                _writer.WriteLine($"[{now.ToLocalTime():HH:mm:ss}] {text}");
            }
            _writer.Flush();
        }
    }

    static string Format(ProgressUpdate u, TaskState t, DateTimeOffset now)
    {
        double seconds = (now - t.Start).TotalSeconds;
        double rate = seconds > 0 ? (u.Done - t.StartDone) / seconds : 0;
        var parts = new List<string> { u.Task };
        if (u.Total is long total && total > 0)
        {
            double frac = Math.Clamp((double)u.Done / total, 0, 1);
            const int width = 24;
            int filled = (int)Math.Round(frac * width);
            parts.Add("[" + new string('#', filled) + new string('-', width - filled) + "]");
            parts.Add($"{u.Done}/{total} {u.Unit}");
            parts.Add(frac.ToString("P0", CultureInfo.InvariantCulture));
        }
        else
        {
            parts.Add($"{u.Done} {u.Unit}");
        }
        if (rate > 0)
        {
            parts.Add(rate >= 1 ? $"{rate:0.0} {u.Unit}/s" : $"{1 / rate:0.0} s/{u.Unit}");
            if (u.Total is long tot && u.Done < tot)
                parts.Add("ETA " + Duration(TimeSpan.FromSeconds((tot - u.Done) / rate)));
        }
        parts.Add("elapsed " + Duration(now - t.Start));
        if (!string.IsNullOrEmpty(u.Detail)) parts.Add(u.Detail!);
        return string.Join("  ", parts);
    }

    static string Duration(TimeSpan d) =>
        d.TotalHours >= 1 ? $"{(int)d.TotalHours}:{d.Minutes:00}:{d.Seconds:00}" : $"{d.Minutes:00}:{d.Seconds:00}";

    static TimeSpan ReadInterval()
    {
        string? v = Environment.GetEnvironmentVariable("GTGM_PROGRESS_INTERVAL");
        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0
            ? TimeSpan.FromSeconds(s) : TimeSpan.FromSeconds(10);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_live && _barOpen) { _writer.WriteLine(); _barOpen = false; }
        }
    }
}
