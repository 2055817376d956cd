using System.Globalization;
using System.Text;

namespace Gtgm.Bench.Harness;

/// <summary>The report as a plain-text table (console) or a Markdown table (BENCHMARKS.md), with notes below.</summary>
public static class ResultTable
{
    static readonly string[] Header = { "benchmark", "measured", "ours", "peer", "peer name", "unit", "ratio", "target", "verdict" };

    public static string Text(BenchmarkReport report)
    {
        var rows = Rows(report).ToList();
        var widths = Header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(string[] cells) => sb.AppendLine(string.Join("  ", cells.Select((c, i) => i is >= 2 and <= 3 or 6 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
        Line(Header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var r in rows) Line(r);
        AppendNotes(sb, report, "");
        return sb.ToString();
    }

    public static string Markdown(BenchmarkReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", Header) + " |");
        sb.AppendLine("|" + string.Join("|", Header.Select((_, i) => i is >= 2 and <= 3 or 6 ? "---:" : "---")) + "|");
        foreach (var r in Rows(report)) sb.AppendLine("| " + string.Join(" | ", r.Select(c => c.Replace("|", "\\|"))) + " |");
        AppendNotes(sb, report, "- ");
        return sb.ToString();
    }

    static IEnumerable<string[]> Rows(BenchmarkReport report) => report.Results.Select(r => new[]
    {
        r.Benchmark, r.Measure, Figure(r.Ours), r.Peer is double p ? Figure(p) : "-", r.PeerName ?? "-", r.Unit,
        r.Ratio is double q ? q.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-",
        r.Target is double t ? (r.PeerName == null ? (r.HigherIsBetter ? ">= " : "<= ") + Figure(t) : ">= " + t.ToString("0.0#", CultureInfo.InvariantCulture) + "x") : "-",
        r.MeetsTarget switch { true => "pass", false => "MISS", null => r.Target == null ? "" : "n/a" },
    });

    static void AppendNotes(StringBuilder sb, BenchmarkReport report, string bullet)
    {
        var notes = report.Results.Where(r => !string.IsNullOrEmpty(r.Note)).ToList();
        if (notes.Count > 0) sb.AppendLine();
        foreach (var r in notes) sb.AppendLine($"{bullet}{r.Benchmark} / {r.Measure}: {r.Note}");
        foreach (var f in report.Failures) sb.AppendLine($"{bullet}FAILED {f.Benchmark}: {f.Error}");
    }

    /// <summary>Three significant digits at most, without exponent notation for the ranges benchmarks produce.</summary>
    public static string Figure(double v)
    {
        double a = Math.Abs(v);
        string format = a >= 100 ? "0" : a >= 10 ? "0.0" : a >= 1 ? "0.00" : a >= 0.01 ? "0.000" : "0.######";
        return v.ToString(format, CultureInfo.InvariantCulture);
    }
}
