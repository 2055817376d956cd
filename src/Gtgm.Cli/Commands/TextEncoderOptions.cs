using System.CommandLine;
using Gtgm.Text.Encoders;

namespace Gtgm.Cli.Commands;

/// <summary>The --encoder, --pooling and --max-length options that every command using a text encoder shares.</summary>
sealed class TextEncoderOptions
{
    public Option<string> Encoder { get; } = new("--encoder")
    {
        Description = "Text encoder: " + TextEncoderFactory.Help,
        DefaultValueFactory = _ => "minilm",
    };

    public Option<string?> Pooling { get; } = new("--pooling")
    {
        Description = "cls or mean (bert:DIR defaults to cls; minilm always pools by the mean)",
    };

    public Option<int?> MaxLength { get; } = new("--max-length")
    {
        Description = "Truncate texts to this many WordPiece tokens (bert:DIR default 128, minilm 256)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Encoder);
        command.Options.Add(Pooling);
        command.Options.Add(MaxLength);
    }

    public ITextEncoder Create(ParseResult parse)
    {
        string? pooling = parse.GetValue(Pooling);
        return TextEncoderFactory.Create(parse.GetValue(Encoder)!, pooling is null ? null : TokenPooling.Parse(pooling), parse.GetValue(MaxLength));
    }
}
