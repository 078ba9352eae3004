namespace ImeBridge.Core.Messaging;

/// <summary>
/// The messages a consumer has already handled, by message id and type, so that a redelivery (a lock lost after the
/// handler finished, the same message relayed twice by an outbox after a crash) is completed without running its
/// handlers again. Optional: without one, handlers alone must be idempotent, as they always should be.
/// </summary>
public interface IMessageInbox
{
    /// <summary>True when a message with this id and type was recorded as handled.</summary>
    Task<bool> HasProcessedAsync(string messageId, string messageType, CancellationToken cancellationToken);

    /// <summary>Records that the message was handled; recording it again is harmless.</summary>
    Task RecordProcessedAsync(string messageId, string messageType, CancellationToken cancellationToken);
}
