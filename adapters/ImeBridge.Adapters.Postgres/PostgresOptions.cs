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

    /// <summary>
    /// How long the outbox relay waits after finding the outbox empty, unless a writer's <c>NOTIFY</c> wakes it first;
    /// the whole wait while its listening connection is down.
    /// </summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The first wait before the relay's lost listening connection is opened again (it doubles per failure).</summary>
    internal TimeSpan OutboxListenRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Adjusts the data source before it is built, e.g. <c>UsePeriodicPasswordProvider</c> with Microsoft Entra tokens
    /// for a managed identity, so this adapter needs no Azure SDK. Null leaves the connection string as it is.
    /// </summary>
    public Action<Npgsql.NpgsqlDataSourceBuilder>? ConfigureDataSource { get; set; }

    /// <summary>How many outbox rows the relay sends per round.</summary>
    public int OutboxBatchSize { get; set; } = 200;

    /// <summary>
    /// How many rounds a message must fail alone, with an error not known to be transient nor a refusal, while the bus
    /// accepts other messages, before the relay sets it aside in <c>outbox_refused</c>. A refusal the bus adapter names
    /// (<see cref="Core.Messaging.MessageRefusedException"/>) is set aside at once.
    /// </summary>
    public int OutboxSetAsideAfterFailures { get; set; } = 3;

    /// <summary>
    /// How long the inbox (<c>processed_messages</c>) remembers a handled message. Keep it well past the longest time a
    /// message can come again: the bus's duplicate detection window, and lock duration times max deliveries.
    /// </summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often each process purges the inbox of rows older than <see cref="InboxRetention"/>.</summary>
    public TimeSpan InboxPurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement when purging, so a purge never holds long locks or a huge transaction.</summary>
    public int InboxPurgeBatchSize { get; set; } = 5000;
}
