namespace ImeBridge.Core.Messaging;

/// <summary>Handles one message type. Must be idempotent on <see cref="ReceivedMessage.MessageId"/>: a message can be delivered more than once.</summary>
public interface IMessageHandler
{
    string MessageType { get; }

    Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken);
}
