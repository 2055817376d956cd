using System.CommandLine;
using Gtgm.Cli.Hosting;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm em ...`: EM neuron segmentation the CREMI way (affinities → watershed + agglomeration → VOI / ARAND).</summary>
static class EmCommand
{
    public static Command Create(CommandEnvironment env) => new("em", "EM neuron segmentation: affinities, watershed + agglomeration, and CREMI scores (VOI, ARAND)")
    {
        EmAffinitiesCommand.Create(env),
        EmSegmentCommand.Create(env),
        EmEvaluateCommand.Create(env),
    };
}
