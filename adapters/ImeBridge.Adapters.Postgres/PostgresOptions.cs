namespace ImeBridge.Adapters.Postgres;

/// <summary>How the PostgreSQL adapters are put together; bound from configuration by the host.</summary>
public sealed class PostgresOptions
{
    /// <summary>
    /// Where the referral store's emitted messages go: the PostgreSQL queue table (PostgreSQL is the bus), or the
    /// outbox relayed to the registered external <see cref="Core.Ports.IMessageQueue"/> (Service Bus).
    /// </summary>
    public PostgresBus Bus { get; set; } = PostgresBus.Postgres;

    /// <summary>Registers the <c>processed_messages</c> inbox, so the dispatcher skips messages it handled before.</summary>
    public bool UseInbox { get; set; } = true;

    /// <summary>
    /// Whether this process relays the outbox to the external bus; false for a short-lived operator command that only
    /// writes (the running bridge relays what it leaves in the outbox).
    /// </summary>
    public bool RunOutboxRelay { get; set; } = true;

    /// <summary>How long the outbox relay waits after finding the outbox empty.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Adjusts the data source before it is built, e.g. <c>UsePeriodicPasswordProvider</c> with Microsoft Entra tokens
    /// for a managed identity, so this adapter needs no Azure SDK. Null leaves the connection string as it is.
    /// </summary>
    public Action<Npgsql.NpgsqlDataSourceBuilder>? ConfigureDataSource { get; set; }

    /// <summary>How many outbox rows the relay sends per round.</summary>
    public int OutboxBatchSize { get; set; } = 200;
}
