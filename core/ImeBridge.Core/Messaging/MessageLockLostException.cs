namespace ImeBridge.Core.Messaging;

/// <summary>The message's lock expired or it was already settled; another consumer may own it now.</summary>
public sealed class MessageLockLostException : Exception
{
    public MessageLockLostException()
    {
    }

    public MessageLockLostException(string message)
        : base(message)
    {
    }

    public MessageLockLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
