namespace Gtgm.Cli.Hosting;

/// <summary>Which exceptions are the user's to fix, and the one line that tells them how.</summary>
static class UserErrors
{
    public static bool IsUserError(Exception e) => e is UserInputException or FileNotFoundException
        or DirectoryNotFoundException or UnauthorizedAccessException
        || (e is IOException io && io.HResult == 28 /* ENOSPC */);

    public static string Describe(Exception e) => e switch
    {
        UserInputException u => u.Message,
        FileNotFoundException f when f.FileName != null => $"{f.FileName}: file not found",
        UnauthorizedAccessException => $"permission denied: {e.Message}",
        _ => e.Message,
    };
}
