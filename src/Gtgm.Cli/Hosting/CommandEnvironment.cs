namespace Gtgm.Cli.Hosting;

/// <summary>Where a command writes: results to <see cref="Out"/>, progress and diagnostics to <see cref="Error"/>.</summary>
public sealed class CommandEnvironment
{
    public TextWriter Out { get; }
    public TextWriter Error { get; }

    /// <summary>Whether progress may redraw a live bar (stderr is a terminal) or must print plain lines.</summary>
    public bool Interactive { get; init; }

    public CommandEnvironment(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        Error = stderr;
        Interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            && Environment.GetEnvironmentVariable("TERM") != "dumb";
    }

    public ConsoleProgress Progress() => new(Error, Interactive, TimeProvider.System);
}
