using System.CommandLine;
using Gtgm.Cli.Hosting;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm em ...`: EM neuron segmentation the CREMI way (affinity network → affinities → watershed + agglomeration → VOI / ARAND).</summary>
static class EmCommand
{
    public static Command Create(CommandEnvironment env) => new("em", "EM neuron segmentation: train and predict affinities, watershed + agglomeration, and CREMI scores (VOI, ARAND)")
    {
        EmTrainCommand.Create(env),
        EmPredictCommand.Create(env),
        EmBaselineCommand.Create(env),
        EmAffinitiesCommand.Create(env),
        EmSegmentCommand.Create(env),
        EmEvaluateCommand.Create(env),
    };
}
