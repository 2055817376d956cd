namespace Gtgm;

/// <summary>
/// A problem with what the user gave us (a file, a folder, an option), as opposed to a bug.
/// The message is one line that names the thing at fault and what is wrong with it; the CLI prints it
/// as is and exits with code 1.
/// </summary>
public class UserInputException : Exception
{
    public UserInputException(string message) : base(message) { }
    public UserInputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>A problem with one file: the message starts with the path.</summary>
    public static UserInputException ForFile(string path, string problem) => new($"{path}: {problem}");
}
