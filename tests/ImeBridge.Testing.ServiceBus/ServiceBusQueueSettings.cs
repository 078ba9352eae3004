namespace ImeBridge.Testing.ServiceBus;

/// <summary>
/// How a queue of the in-process endpoint behaves; the same knobs a real Service Bus queue has
/// (the Bicep template sets them on the real namespace).
/// </summary>
public sealed record ServiceBusQueueSettings
{
    /// <summary>Messages must carry a session id and are received through session receivers only.</summary>
    public bool RequiresSession { get; init; } = true;

    /// <summary>How long a session (and the messages received from it) stays locked to its receiver.</summary>
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A message whose lock is released or expires after this many deliveries moves to the dead-letter queue.</summary>
    public int MaxDeliveryCount { get; init; } = 10;

    /// <summary>A message id seen within this window is dropped as a duplicate.</summary>
    public TimeSpan DuplicateDetectionWindow { get; init; } = TimeSpan.FromMinutes(10);
}
