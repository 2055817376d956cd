using Gtgm.Imaging;
using Gtgm.Imaging.Datasets;
using Gtgm.Reporting;
using Gtgm.Segmentation.Inference;
using Gtgm.Segmentation.Metrics;

namespace Gtgm.Segmentation.Finetuning;

/// <summary>Scores a predictor on labelled cases in their source geometry: Dice and HD95 per foreground class.</summary>
public static class SegmentationEvaluator
{
    /// <param name="predictionsFolder">When given, each prediction is also written there as NIfTI (source geometry).</param>
    public static EvaluationReport Evaluate(SegmentationPredictor predictor, SegmentationTask task, IReadOnlyList<MsdCase> cases,
        IProgress<ProgressUpdate> progress, CancellationToken cancellation = default, string? predictionsFolder = null)
    {
        var spec = predictor.Spec;
        var scores = new List<CaseScores>();
        foreach (var c in cases)
        {
            cancellation.ThrowIfCancellationRequested();
            var (image, truth) = task.ReadChecked(c);
            var prediction = predictor.Predict(image, c.ImagePath);
            if (predictionsFolder != null) VolumeIO.WriteLabels(prediction, Path.Combine(predictionsFolder, c.Id + ".nii.gz"));
            scores.Add(new CaseScores(c.Id,
                DiceMetric.PerClass(prediction, truth, spec.NumClasses),
                HausdorffDistance95.PerClass(prediction, truth, spec.NumClasses)));
            progress.Report(new ProgressUpdate("evaluate", scores.Count, cases.Count, "case"));
        }
        return new EvaluationReport(spec.ClassNames.Skip(1).ToList(), scores);
    }
}
