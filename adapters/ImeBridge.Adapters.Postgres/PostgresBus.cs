namespace ImeBridge.Adapters.Postgres;

/// <summary>Where the messages the referral store emits go, in the same transaction as the state change.</summary>
public enum PostgresBus
{
    /// <summary>PostgreSQL is the bus too: emitted messages go straight into the <c>queue_messages</c> table.</summary>
    Postgres,

    /// <summary>
    /// An external bus (Service Bus): emitted messages go into the <c>outbox</c> table and <see cref="OutboxRelay"/>
    /// sends them to the registered <see cref="Core.Ports.IMessageQueue"/>.
    /// </summary>
    External,
}
