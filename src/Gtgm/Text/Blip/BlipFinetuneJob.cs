using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Gtgm.Reporting;

namespace Gtgm.Text.Blip;

/// <param name="RunFolder">The run folder (config.json, metrics.jsonl, tensorboard/, checkpoints/, report.md).</param>
/// <param name="ModelFolder">The finetuned model, in the Hugging Face layout (<c>RunFolder/model</c>).</param>
public sealed record BlipFinetuneResult(string RunFolder, string ModelFolder, int Examples, IReadOnlyList<double> EpochLosses);

/// <summary>
/// <c>gtgm captioner finetune</c>: loads a BLIP folder and a captioned image folder, trains with L_Cap and writes
/// a run folder whose <c>checkpoints/epoch-N</c> and final <c>model</c> are BLIP folders that load back here,
/// in transformers, and as <c>--captioner blip:DIR</c>.
/// </summary>
public static class BlipFinetuneJob
{
    public const string ModelSubfolder = "model";

    public static BlipFinetuneResult Run(string modelFolder, string dataFolder, string outFolder, BlipFinetuneOptions options,
        IProgress<ProgressUpdate>? progress = null)
    {
        options.Validate();
        var data = CaptionedImageFolder.Read(dataFolder);
        using var checkpoint = BlipModelFolder.Load(modelFolder);
        string full = Path.GetFullPath(outFolder).TrimEnd(Path.DirectorySeparatorChar);
        using var run = RunFolder.Open(Path.GetDirectoryName(full)!, Path.GetFileName(full), resume: false);
        run.WriteConfig(new JsonObject
        {
            ["model"] = Path.GetFullPath(modelFolder),
            ["data"] = Path.GetFullPath(dataFolder),
            ["epochs"] = options.Epochs,
            ["lr"] = options.LearningRate,
            ["batch-size"] = options.BatchSize,
            ["weight-decay"] = options.WeightDecay,
            ["max-tokens"] = options.MaxTokens,
            ["prompt"] = options.Prompt,
            ["seed"] = options.Seed,
            ["checkpoint-every"] = options.CheckpointEvery,
        });

        var processor = new BlipImageProcessor(checkpoint.Config.Vision.ImageSize);
        var finetuner = new BlipFinetuner(checkpoint.Model, checkpoint.Tokenizer, options);
        var losses = finetuner.Train(data.Select(d => d.Caption).ToList(),
            batch => processor.Process(batch.Select(i => GreyImageReader.Read(data[i].ImagePath)).ToList()),
            (epoch, loss) =>
            {
                run.Log(epoch, new Dictionary<string, double> { ["l_cap"] = loss });
                if (options.CheckpointEvery > 0 && epoch % options.CheckpointEvery == 0 && epoch < options.Epochs)
                    BlipModelFolder.Save(Path.Combine(run.CheckpointDirectory, $"epoch-{epoch}"), checkpoint.Model, checkpoint.Tokenizer);
            },
            progress);
        string final = run.File(ModelSubfolder);
        BlipModelFolder.Save(final, checkpoint.Model, checkpoint.Tokenizer);
        run.WriteReport(Report(modelFolder, data.Count, options, losses));
        return new BlipFinetuneResult(run.Path, final, data.Count, losses);
    }

    static string Report(string modelFolder, int examples, BlipFinetuneOptions options, List<double> losses)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Captioner finetuning (L_Cap)").AppendLine();
        sb.AppendLine(inv, $"- start model: `{modelFolder}`");
        sb.AppendLine(inv, $"- {examples} image/caption pairs, {options.Epochs} epochs, batch {options.BatchSize}, AdamW lr {options.LearningRate}, weight decay {options.WeightDecay}");
        sb.AppendLine(inv, $"- L_Cap (mean over each epoch's steps): first epoch {losses[0]:0.0000}, last epoch {losses[^1]:0.0000}");
        sb.AppendLine().AppendLine("Use it: `gtgm caption --captioner blip:" + ModelSubfolder + " ...` (path relative to this folder).");
        return sb.ToString();
    }
}
