using System.CommandLine;
using Gtgm.Cli.Commands;

namespace Gtgm.Cli.Hosting;

/// <summary>Builds the command tree, merges --config files, and turns failures into exit codes.</summary>
public static class CliApp
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show stack traces and extra diagnostics",
        Recursive = true,
    };

    public static RootCommand BuildRoot(CommandEnvironment env)
    {
        var root = new RootCommand(
            "GTGM: generative text-guided 3-D vision-language pretraining for medical image segmentation.\n" +
            "Captions sampled slices of unlabeled volumes, pretrains a 3-D encoder against the caption embeddings, " +
            "and finetunes it for segmentation.");
        root.Options.Add(Verbose);
        foreach (var command in CommandRegistry.All(env)) root.Subcommands.Add(command);
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0) args = new[] { "--help" };
        var env = new CommandEnvironment(stdout, stderr);
        var root = BuildRoot(env);
        bool verbose = args.Contains("--verbose") || args.Contains("-v");
        try
        {
            var parse = ConfigMerge.Parse(root, args);
            if (parse.Errors.Count > 0)
            {
                string command = string.Join(' ', new[] { "gtgm" }.Concat(CommandPath(parse)));
                // "Required command was not provided" accompanies an unknown command; the unknown name is the useful part.
                var error = parse.Errors.OrderBy(e => e.Message.StartsWith("Required command", StringComparison.Ordinal) ? 1 : 0).First();
                stderr.WriteLine($"gtgm: error: {error.Message} (see '{command} --help')");
                return ExitCodes.UserError;
            }
            return parse.Invoke(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                Output = stdout,
                Error = stderr,
            });
        }
        catch (Exception e) when (UserErrors.IsUserError(e))
        {
            stderr.WriteLine($"gtgm: error: {UserErrors.Describe(e)}");
            if (verbose) stderr.WriteLine(e);
            return ExitCodes.UserError;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("gtgm: cancelled");
            return ExitCodes.UserError;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"gtgm: internal error: {e.GetType().Name}: {e.Message}");
            stderr.WriteLine(verbose ? e.ToString() : "Rerun with --verbose for the stack trace, and report it with the command you ran.");
            return ExitCodes.InternalError;
        }
    }

    static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r != null && r.Command is not RootCommand; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command.Name);
        return names;
    }
}
