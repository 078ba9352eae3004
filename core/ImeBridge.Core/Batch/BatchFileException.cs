namespace ImeBridge.Core.Batch;

/// <summary>The file as a whole cannot be read (no header, nothing canonical in it, a layout naming a missing column).
/// The message is safe to write into an ack and a log: it never quotes the file's content.</summary>
public sealed class BatchFileException : Exception
{
    public BatchFileException()
    {
    }

    public BatchFileException(string message)
        : base(message)
    {
    }

    public BatchFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
