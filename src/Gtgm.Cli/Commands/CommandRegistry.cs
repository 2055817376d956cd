using System.CommandLine;
using Gtgm.Cli.Hosting;

namespace Gtgm.Cli.Commands;

/// <summary>Every `gtgm` subcommand, in the order `gtgm --help` lists them (the pipeline's order).</summary>
static class CommandRegistry
{
    public static IEnumerable<Command> All(CommandEnvironment env) => new[]
    {
        QuickstartCommand.Create(env),
        DoctorCommand.Create(env),
        DataCommand.Create(env),
        CaptionCommand.Create(env),
        CaptionerCommand.Create(env),
        EmbedTextCommand.Create(env),
        TextSimilarityCommand.Create(env),
        PretrainCommand.Create(env),
        ExportEncoderCommand.Create(env),
        FinetuneCommand.Create(env),
        EvaluateCommand.Create(env),
        PredictCommand.Create(env),
        EmCommand.Create(env),
    };
}
