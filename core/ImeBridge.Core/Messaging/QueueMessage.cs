namespace ImeBridge.Core.Messaging;

/// <summary>A message to put on the queue.</summary>
/// <param name="MessageId">Unique id; sending the same id again is ignored (duplicate detection).</param>
/// <param name="Type">The message type name the dispatcher routes on, e.g. <c>ReferralReceived</c>.</param>
/// <param name="SessionId">Messages of one session are delivered one at a time, in order. Usually the referral id.</param>
/// <param name="Body">UTF-8 JSON.</param>
/// <param name="NotBefore">Not delivered before this instant (scheduled delivery); null means now.</param>
public sealed record QueueMessage(
    string MessageId,
    string Type,
    string SessionId,
    ReadOnlyMemory<byte> Body,
    DateTimeOffset? NotBefore = null);

/// <summary>A message handed to a consumer, locked to it until completed, abandoned, dead-lettered or the lock expires.</summary>
public sealed record ReceivedMessage(
    long SequenceNumber,
    string MessageId,
    string Type,
    string SessionId,
    ReadOnlyMemory<byte> Body,
    int DeliveryCount,
    DateTimeOffset EnqueuedAt,
    string LockToken);

/// <summary>A message that will not be delivered again, with why.</summary>
public sealed record DeadLetteredMessage(
    long SequenceNumber,
    string MessageId,
    string Type,
    string SessionId,
    ReadOnlyMemory<byte> Body,
    int DeliveryCount,
    string Reason,
    string? Description,
    DateTimeOffset DeadLetteredAt);

public sealed class QueueOptions
{
    /// <summary>How long a received message stays locked to its consumer.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>After this many deliveries a message that still fails is dead-lettered.</summary>
    public int MaxDeliveryCount { get; set; } = 10;
}
