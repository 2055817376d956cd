using System.Globalization;
using System.Text;

namespace Gtgm.Connectomics.Training;

/// <summary>The report.md of an affinity-training run.</summary>
public static class AffinityTrainReport
{
    public static string Markdown(AffinityTrainOptions o, AffinityTrainResult r, string runPath)
    {
        var sb = new StringBuilder();
        void Line(FormattableString s) => sb.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Line($"# EM affinity training: {Path.GetFileName(o.Train)}\n");
        Line($"- encoder: {o.EncoderArch} (width {o.Width}), start: {o.Encoder}");
        if (r.EncoderLoad is { } load) Line($"- encoder weights: {load.Summary}");
        Line($"- training volume: {o.Train}, {Shape(r.TrainShape)}{(o.ValidationSlices > 0 ? $" (all but the last {o.ValidationSlices} sections)" : "")}");
        if (r.ValidationShape is { } v)
            Line($"- validation volume: {(o.ValidationSlices > 0 ? $"last {o.ValidationSlices} sections of {o.Train}" : o.Validation)}, {Shape(v)}");
        Line($"- targets: nearest-neighbour affinities (z, y, x), neuron id 0 = {o.ZeroLabel.ToString().ToLowerInvariant()}; loss: {(o.Balanced ? "class-balanced" : "plain")} masked BCE");
        Line($"- {r.Steps} steps of batch {o.BatchSize}, patch {string.Join("×", o.PatchSize)}, AdamW lr {o.LearningRate} (poly), seed {o.Seed}, {r.TrainingTime.TotalMinutes:0.0} min of training");
        if (r.Steps > 0) Line($"- training loss (means over {AffinityTrainer.LogEvery} steps): first {r.FirstTrainLoss:0.0000}, last {r.LastTrainLoss:0.0000}");
        if (r.Best is { } best)
        {
            var s = best.Score;
            Line($"- model: step {r.BestStep}, the lowest validation VOI sum\n");
            Line($"## Validation at step {r.BestStep} (watershed + mean-affinity agglomeration at 0.5)\n");
            Line($"| loss | VOI split | VOI merge | VOI sum | ARAND | CREMI score |");
            Line($"|---|---|---|---|---|---|");
            Line($"| {best.Loss:0.0000} | {s.VoiSplit:0.0000} | {s.VoiMerge:0.0000} | {s.VoiSum:0.0000} | {s.Arand:0.0000} | {s.CremiScore:0.0000} |");
        }
        else Line($"- model: the weights after the last step ({r.BestStep}); no validation ran");
        Line($"\nAffinities for a volume: `gtgm em predict --run {runPath} --input RAW.h5 --out aff.h5`, then `gtgm em segment` and `gtgm em evaluate`.");
        return sb.ToString();
    }

    static string Shape((int Depth, int Height, int Width) s) => $"{s.Depth} × {s.Height} × {s.Width} (z × y × x)";
}
