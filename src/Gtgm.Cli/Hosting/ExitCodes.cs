namespace Gtgm.Cli.Hosting;

public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>Bad input: an option, a file, a folder. One line says what and where.</summary>
    public const int UserError = 1;
    /// <summary>A bug or an environment failure; the stack trace is printed with --verbose.</summary>
    public const int InternalError = 2;
}
