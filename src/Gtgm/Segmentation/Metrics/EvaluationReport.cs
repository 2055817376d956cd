using System.Globalization;
using System.Text;

namespace Gtgm.Segmentation.Metrics;

/// <summary>Dice and HD95 of one case, per foreground class (class 1 first).</summary>
public sealed record CaseScores(string Id, double[] Dice, double[] Hd95);

/// <summary>
/// Per-case scores and their per-class means. Dice is defined for every case (see <see cref="DiceMetric"/>),
/// so its mean is over all cases. HD95 is undefined (NaN) when exactly one of prediction and truth is empty;
/// those cases are left out of the HD95 mean and counted in <see cref="Hd95Undefined"/>.
/// </summary>
public sealed record EvaluationReport(IReadOnlyList<string> ForegroundClasses, IReadOnlyList<CaseScores> Cases)
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public double MeanDice(int c) => Cases.Count == 0 ? double.NaN : Cases.Average(s => s.Dice[c]);

    public double MeanHd95(int c)
    {
        var defined = Cases.Select(s => s.Hd95[c]).Where(double.IsFinite).ToList();
        return defined.Count == 0 ? double.NaN : defined.Average();
    }

    public int Hd95Undefined(int c) => Cases.Count(s => !double.IsFinite(s.Hd95[c]));

    /// <summary>Mean over foreground classes of the per-class mean Dice: the headline number.</summary>
    public double MeanForegroundDice => Enumerable.Range(0, ForegroundClasses.Count).Average(MeanDice);

    /// <summary>One row per case: id, dice_&lt;class&gt;..., hd95_&lt;class&gt;... (empty cell for an undefined HD95).</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("case");
        foreach (var n in ForegroundClasses) sb.Append(",dice_").Append(Column(n));
        foreach (var n in ForegroundClasses) sb.Append(",hd95_").Append(Column(n));
        sb.Append('\n');
        foreach (var s in Cases)
        {
            sb.Append(s.Id);
            foreach (var d in s.Dice) sb.Append(',').Append(d.ToString("0.######", Inv));
            foreach (var h in s.Hd95) sb.Append(',').Append(double.IsFinite(h) ? h.ToString("0.######", Inv) : "");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Reads back what <see cref="ToCsv"/> wrote (class names come back as their column names).</summary>
    public static EvaluationReport FromCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines.Length > 0 ? lines[0].Split(',') : Array.Empty<string>();
        int classes = header.Count(h => h.StartsWith("dice_", StringComparison.Ordinal));
        if (classes == 0 || header.Length != 1 + 2 * classes)
            throw UserInputException.ForFile(path, "not an evaluation results file (expected case,dice_*,hd95_* columns)");
        var names = header.Skip(1).Take(classes).Select(h => h["dice_".Length..]).ToList();
        var cases = new List<CaseScores>();
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length != header.Length) throw UserInputException.ForFile(path, $"line {i + 1} has {cells.Length} cells, expected {header.Length}");
            double Cell(int k) => cells[k].Length == 0 ? double.NaN : double.Parse(cells[k], Inv);
            cases.Add(new CaseScores(cells[0], Enumerable.Range(1, classes).Select(Cell).ToArray(),
                Enumerable.Range(1 + classes, classes).Select(Cell).ToArray()));
        }
        return new EvaluationReport(names, cases);
    }

    /// <summary>The per-class table: mean Dice (± standard deviation), mean HD95 in mm, and undefined-HD95 counts.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("| class | Dice (mean ± sd) | HD95 mm (mean) | HD95 undefined |\n|---|---|---|---|\n");
        for (int c = 0; c < ForegroundClasses.Count; c++)
        {
            double mean = MeanDice(c);
            double sd = Cases.Count < 2 ? 0 : Math.Sqrt(Cases.Sum(s => (s.Dice[c] - mean) * (s.Dice[c] - mean)) / (Cases.Count - 1));
            sb.Append(Inv, $"| {c + 1} {ForegroundClasses[c]} | {mean:0.0000} ± {sd:0.0000} | {Format(MeanHd95(c))} | {Hd95Undefined(c)} of {Cases.Count} |\n");
        }
        sb.Append(Inv, $"| **mean foreground** | **{MeanForegroundDice:0.0000}** | {Format(Enumerable.Range(0, ForegroundClasses.Count).Select(MeanHd95).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average())} | |\n");
        return sb.ToString();
    }

    static string Format(double v) => double.IsFinite(v) ? v.ToString("0.00", Inv) : "n/a";

    static string Column(string name) => new(name.ToLowerInvariant().Select(ch => char.IsLetterOrDigit(ch) ? ch : '_').ToArray());
}
