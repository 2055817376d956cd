using System.CommandLine;
using System.Globalization;
using Gtgm.Cli.Hosting;
using Gtgm.Text.Encoders;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm text-similarity "a" "b" ...`: the cosine matrix of sentence embeddings, for inspecting captions.</summary>
static class TextSimilarityCommand
{
    public static Command Create(CommandEnvironment env)
    {
        var sentences = new Argument<string[]>("sentences") { Description = "Two or more sentences", Arity = new ArgumentArity(2, 1000) };
        var encoderOptions = new TextEncoderOptions();
        var command = new Command("text-similarity", "Print the cosine similarity between sentences under a text encoder");
        command.Arguments.Add(sentences);
        encoderOptions.AddTo(command);
        command.Options.Add(ConfigMerge.ConfigOption);
        command.SetAction(parse =>
        {
            var texts = parse.GetValue(sentences)!;
            using var encoder = encoderOptions.Create(parse);
            var m = TextSimilarity.CosineMatrix(encoder, texts);
            var o = env.Out;
            o.WriteLine($"encoder {encoder.Id}");
            for (int i = 0; i < texts.Length; i++) o.WriteLine($"[{i + 1}] {texts[i]}");
            o.WriteLine("     " + string.Concat(Enumerable.Range(1, texts.Length).Select(j => $"{"[" + j + "]",8}")));
            for (int i = 0; i < texts.Length; i++)
                o.WriteLine($"{"[" + (i + 1) + "]",-5}" + string.Concat(Enumerable.Range(0, texts.Length).Select(j => m[i, j].ToString("F3", CultureInfo.InvariantCulture).PadLeft(8))));
            return ExitCodes.Success;
        });
        return command;
    }
}
