namespace ImeBridge.Cli;

/// <summary>
/// A problem the user can fix (bad argument, missing file, bad configuration, server not reachable): printed as one
/// line on standard error, without a stack trace, and the command exits with <see cref="ExitCodes.Usage"/>.
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
