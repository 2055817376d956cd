using Gtgm.Cli.Hosting;

namespace Gtgm.Tests.Cli;

/// <summary>Runs `gtgm` in-process and captures what it prints.</summary>
static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
