using System.CommandLine;
using Gtgm.Cli.Hosting;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm data ...`: look at and make volume datasets. Each subcommand is its own file, added here with one line.</summary>
static class DataCommand
{
    public static Command Create(CommandEnvironment env) => new("data", "Inspect volume files and datasets, or generate phantom data")
    {
        DataInfoCommand.Create(env),
        DataPhantomsCommand.Create(env),
    };
}
