using Gtgm.Cli.Hosting;
using Gtgm.Reporting;

namespace Gtgm.Tests.Cli;

public class ConsoleProgressTests
{
    sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void RedirectedOutputGetsPeriodicPlainLinesWithRateAndEta()
    {
        var clock = new ManualClock();
        var log = new StringWriter();
        var saved = ConsoleProgress.LineInterval;
        ConsoleProgress.LineInterval = TimeSpan.FromSeconds(10);
        try
        {
            using (var p = new ConsoleProgress(log, live: false, clock))
            {
                for (int step = 0; step <= 100; step++)
                {
                    p.Report(new ProgressUpdate("train", step, 100, "step", "loss 1.0"));
                    clock.Now += TimeSpan.FromSeconds(1); // one step per second
                }
            }
        }
        finally { ConsoleProgress.LineInterval = saved; }

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // First report, one every 10 s, and the final one: 0, 10, ..., 100.
        Assert.Equal(11, lines.Length);
        Assert.DoesNotContain('\r', log.ToString());
        Assert.Contains("50/100 step", lines[5]);
        Assert.Contains("1.0 step/s", lines[5]);
        Assert.Contains("ETA 00:50", lines[5]);
        Assert.Contains("loss 1.0", lines[5]);
        Assert.Contains("100/100 step", lines[^1]);
    }

    [Fact]
    public void ATerminalGetsOneLiveBarRedrawnInPlace()
    {
        var clock = new ManualClock();
        var term = new StringWriter();
        using (var p = new ConsoleProgress(term, live: true, clock))
        {
            for (int i = 0; i <= 20; i++)
            {
                p.Report(new ProgressUpdate("read", i, 20, "volume"));
                clock.Now += TimeSpan.FromMilliseconds(500);
            }
        }
        string text = term.ToString();
        Assert.Equal(21, text.Count(c => c == '\r'));
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("[############------------]", text); // the half-way redraw
        Assert.Contains("2.0 volume/s", text);
        Assert.EndsWith("\n", text);
    }
}
