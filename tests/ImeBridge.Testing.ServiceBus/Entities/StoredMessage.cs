namespace ImeBridge.Testing.ServiceBus.Entities;

/// <summary>One message held by a queue (active, scheduled, deferred or dead-lettered) with its broker state.</summary>
internal sealed class StoredMessage
{
    public required long SequenceNumber { get; init; }

    public required string MessageId { get; init; }

    public string? SessionId { get; init; }

    /// <summary>The message as the sender sent it; the broker adds its annotations when it hands it out.</summary>
    public required Amqp.Message Original { get; init; }

    public required DateTimeOffset EnqueuedAt { get; set; }

    public DateTimeOffset? ScheduledFor { get; init; }

    /// <summary>Deliveries so far (a peek-lock receive counts one).</summary>
    public int DeliveryCount { get; set; }

    public bool Deferred { get; set; }

    /// <summary>Application properties changed by abandon, defer or dead-letter, on top of the original ones.</summary>
    public Dictionary<string, object?> ModifiedProperties { get; } = new(StringComparer.Ordinal);

    public Guid? LockToken { get; set; }

    /// <summary>The receiver link holding the lock.</summary>
    public object? LockOwner { get; set; }

    /// <summary>For messages without a session lock (the dead-letter queue): when the message lock ends.</summary>
    public DateTimeOffset LockedUntil { get; set; }

    public string? DeadLetterSource { get; set; }

    public bool IsLocked => LockToken is not null;

    public bool IsDueAt(DateTimeOffset now) => ScheduledFor is not { } at || at <= now;

    public void Unlock()
    {
        LockToken = null;
        LockOwner = null;
    }
}
