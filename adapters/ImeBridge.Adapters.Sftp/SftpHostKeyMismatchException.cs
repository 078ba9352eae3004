namespace ImeBridge.Adapters.Sftp;

/// <summary>The server presented a host key other than the pinned one: nothing was sent to it and nothing read from it.</summary>
public sealed class SftpHostKeyMismatchException : Exception
{
    public SftpHostKeyMismatchException()
    {
    }

    public SftpHostKeyMismatchException(string message)
        : base(message)
    {
    }

    public SftpHostKeyMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SftpHostKeyMismatchException(string partnerId, string expected, string observed, Exception? innerException = null)
        : base($"The SFTP server of partner '{partnerId}' presented host key {observed}, not the pinned {expected}.", innerException)
    {
        PartnerId = partnerId;
        Expected = expected;
        Observed = observed;
    }

    public string? PartnerId { get; }

    public string? Expected { get; }

    public string? Observed { get; }
}
