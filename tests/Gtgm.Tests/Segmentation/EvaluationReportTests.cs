using Gtgm.Segmentation.Metrics;

namespace Gtgm.Tests.Segmentation;

public class EvaluationReportTests
{
    static EvaluationReport Report() => new(new[] { "Anterior", "Posterior" }, new[]
    {
        new CaseScores("a", new[] { 0.8, 0.6 }, new[] { 2.0, double.NaN }),
        new CaseScores("b", new[] { 0.6, 0.4 }, new[] { 4.0, 3.0 }),
    });

    [Fact]
    public void MeansLeaveUndefinedHd95OutAndCountIt()
    {
        var r = Report();
        Assert.Equal(0.7, r.MeanDice(0), 12);
        Assert.Equal(0.5, r.MeanDice(1), 12);
        Assert.Equal(0.6, r.MeanForegroundDice, 12);
        Assert.Equal(3.0, r.MeanHd95(0), 12);
        Assert.Equal(3.0, r.MeanHd95(1), 12);
        Assert.Equal(1, r.Hd95Undefined(1));
    }

    [Fact]
    public void CsvHasOneRowPerCaseAndEmptyCellsForUndefinedHd95()
    {
        var lines = Report().ToCsv().TrimEnd().Split('\n');
        Assert.Equal("case,dice_anterior,dice_posterior,hd95_anterior,hd95_posterior", lines[0]);
        Assert.Equal("a,0.8,0.6,2,", lines[1]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void MarkdownTableShowsMeansAndCounts()
    {
        string md = Report().ToMarkdown();
        Assert.Contains("| 1 Anterior | 0.7000 ± 0.1414 | 3.00 | 0 of 2 |", md);
        Assert.Contains("| 2 Posterior | 0.5000 ± 0.1414 | 3.00 | 1 of 2 |", md);
        Assert.Contains("**0.6000**", md);
    }
}
