using System.CommandLine;
using Gtgm.Cli.Hosting;

namespace Gtgm.Cli.Commands;

/// <summary>`gtgm data`: inspect and make data. Each subcommand is its own file, added here with one line.</summary>
static class DataCommand
{
    public static Command Create(CommandEnvironment env) => new("data", "Inspect volumes and data sets")
    {
        DataInfoCommand.Create(env),
    };
}
