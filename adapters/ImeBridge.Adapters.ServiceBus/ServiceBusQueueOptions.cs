namespace ImeBridge.Adapters.ServiceBus;

/// <summary>Where the workflow queue lives and how the Service Bus adapter and its session pump use it.</summary>
public sealed class ServiceBusQueueOptions
{
    /// <summary>The session-enabled queue (duplicate detection on, dead-lettering on, max delivery count as <c>QueueOptions.MaxDeliveryCount</c>).</summary>
    public string QueueName { get; set; } = "imebridge-workflow";

    /// <summary>How long <c>ReceiveAsync</c> waits for a session with a due message before it answers "nothing now".</summary>
    public TimeSpan SessionAcceptWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Sessions (referrals) the pump handles at once; each session's messages are handled one at a time.</summary>
    public int MaxConcurrentSessions { get; set; } = 8;

    /// <summary>How long the pump keeps renewing a session lock while a handler runs (long deliveries, held retries).</summary>
    public TimeSpan MaxAutoLockRenewalDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Whether this process consumes the queue with the <see cref="ServiceBusSessionPump"/>; false for a short-lived
    /// operator command that only sends (its messages are handled by the running bridge).
    /// </summary>
    public bool RunSessionPump { get; set; } = true;

    /// <summary>
    /// How long the pump waits on an idle session before it lets it go for another. Short, because a referral usually has
    /// one message at a time: every slot held idle waits out this timeout before it can take the next referral, so
    /// throughput is capped near <see cref="MaxConcurrentSessions"/> / this value, while giving a session back and
    /// accepting the next one costs one round trip (Service Bus holds the accept until a session has a message).
    /// Long enough for a receive round trip to the namespace.
    /// </summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMilliseconds(250);
}
