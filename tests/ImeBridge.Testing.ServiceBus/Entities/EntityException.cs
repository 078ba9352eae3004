namespace ImeBridge.Testing.ServiceBus.Entities;

/// <summary>A request the broker refuses, with the AMQP error condition the Service Bus client maps to its failure reasons.</summary>
internal sealed class EntityException(string condition, string message) : Exception(message)
{
    public const string SessionCannotBeLocked = "com.microsoft:session-cannot-be-locked";
    public const string SessionLockLost = "com.microsoft:session-lock-lost";
    public const string MessageLockLost = "com.microsoft:message-lock-lost";
    public const string Timeout = "com.microsoft:timeout";
    public const string NotFound = "amqp:not-found";
    public const string NotAllowed = "amqp:not-allowed";

    public string Condition { get; } = condition;
}
