using System.CommandLine;
using Gtgm.Cli.Hosting;
using Gtgm.Text.Embeddings;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm embed-text`: embed every unique caption once with a frozen text encoder, into a reusable cache folder.</summary>
static class EmbedTextCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var captions = new Option<string>("--captions") { Description = "Captions file (JSON lines from gtgm caption)", Required = true };
        var output = new Option<string>("--out") { Description = "Embedding cache folder (created or brought up to date)", Required = true };
        var batchSize = new Option<int>("--batch-size") { Description = "Captions per encoder batch", DefaultValueFactory = _ => 64 };
        var rebuild = new Option<bool>("--rebuild") { Description = "Replace a cache that was made by a different encoder" };
        var encoderOptions = new TextEncoderOptions();

        var command = new Command("embed-text", "Embed each unique caption with a frozen text encoder into a cache folder that pretraining reads (only new captions are encoded)");
        command.Options.Add(captions);
        command.Options.Add(output);
        encoderOptions.AddTo(command);
        command.Options.Add(batchSize);
        command.Options.Add(rebuild);
        command.Options.Add(ConfigMerge.ConfigOption);
        command.SetAction(parse =>
        {
            using var encoder = encoderOptions.Create(parse);
            TextEmbeddingReport r;
            using (var progress = env.Progress())
                r = TextEmbeddingBuilder.Build(parse.GetValue(captions)!, encoder, parse.GetValue(output)!,
                    parse.GetValue(batchSize), parse.GetValue(rebuild), progress);
            var o = env.Out;
            o.WriteLine($"encoder      {r.EncoderId} ({r.Dimension}-d)");
            o.WriteLine($"captions     {r.Captions} ({r.UniqueTexts} unique texts)");
            o.WriteLine($"encoded      {r.Encoded}");
            o.WriteLine($"reused       {r.Reused}" + (r.Rebuilt ? " (cache from another encoder replaced)" : ""));
            o.WriteLine($"cache        {r.Directory} ({r.StoreCount} embeddings)");
            return ExitCodes.Success;
        });
        return command;
    }
}
