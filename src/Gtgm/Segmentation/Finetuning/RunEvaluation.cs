using Gtgm.Imaging.Datasets;
using Gtgm.Platform;
using Gtgm.Reporting;
using Gtgm.Segmentation.Inference;
using Gtgm.Segmentation.Metrics;

namespace Gtgm.Segmentation.Finetuning;

/// <summary>What <see cref="RunEvaluation.Evaluate"/> wrote.</summary>
public sealed record RunEvaluationResult(string Split, EvaluationReport Report, string CsvPath, string MarkdownPath);

/// <summary>
/// Evaluates a finetuning run folder on its validation split (from <c>splits.json</c>) or its test set
/// (the task's labelled <c>imagesTs</c>, else the labelled cases of the run's <c>--test</c> folder), and writes
/// <c>&lt;split&gt;_results.csv</c> (per case) and <c>&lt;split&gt;_results.md</c> (per-class table) into the run folder.
/// </summary>
public static class RunEvaluation
{
    public static RunEvaluationResult Evaluate(string runFolder, string split, string device, double overlap, bool flipTta,
        bool savePredictions, IProgress<ProgressUpdate> progress, CancellationToken cancellation = default)
    {
        var folder = RunFolder.Existing(runFolder);
        var config = folder.ReadConfig();
        string taskPath = config["task"]?.GetValue<string>() ?? throw UserInputException.ForFile(folder.File(RunFolder.ConfigFileName), "names no task");
        var task = SegmentationTask.Load(taskPath);
        var (source, cases) = split switch
        {
            "val" => (task, DataSplit.Load(folder.File(DataSplit.FileName)).Validation.Select(id => task.Training.First(c => c.Id == id)).ToList()),
            "test" => TestCases(task, config["test"]?.GetValue<string>(), folder.Path),
            _ => throw new UserInputException($"--split {split}: expected val or test"),
        };
        var (net, spec) = SegmentationCheckpoint.Load(folder.Path, TorchRuntime.ResolveDevice(device));
        var predictor = new SegmentationPredictor(net, spec, TorchRuntime.ResolveDevice(device), overlap, flipTta);
        string? predictions = savePredictions ? folder.File($"predictions-{split}") : null;
        var report = SegmentationEvaluator.Evaluate(predictor, source, cases, progress, cancellation, predictions);
        string csv = folder.File($"{split}_results.csv"), md = folder.File($"{split}_results.md");
        IO.AtomicFile.WriteAllText(csv, report.ToCsv());
        IO.AtomicFile.WriteAllText(md, $"# {split} split ({cases.Count} cases{(flipTta ? ", flip TTA" : "")})\n\n" + report.ToMarkdown());
        return new RunEvaluationResult(split, report, csv, md);
    }

    static (SegmentationTask Task, List<MsdCase> Cases) TestCases(SegmentationTask task, string? testFolder, string run)
    {
        var labelled = task.Test.Where(c => c.LabelPath != null).ToList();
        if (labelled.Count > 0) return (task, labelled);
        if (testFolder != null)
        {
            var test = SegmentationTask.Load(testFolder);
            return (test, test.Training.ToList());
        }
        throw UserInputException.ForFile(run, "has no test set: the task has no labelled imagesTs/labelsTs and the run was not given --test");
    }
}
