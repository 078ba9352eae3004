using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Messaging;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// The inbox in the <c>processed_messages</c> table: which messages (id and type) a consumer of this database has
/// handled, so a redelivery, or a message an outbox relayed twice, is completed without running its handlers again,
/// whichever process receives it.
/// </summary>
public sealed class PostgresMessageInbox : IMessageInbox
{
    private const string Exists = "SELECT EXISTS (SELECT 1 FROM processed_messages WHERE message_id = @message_id AND type = @type);";

    private const string Record = """
        INSERT INTO processed_messages (message_id, type, processed_at) VALUES (@message_id, @type, @now)
        ON CONFLICT (message_id, type) DO NOTHING;
        """;

    private const string Purge = "DELETE FROM processed_messages WHERE processed_at < @before;";

    private readonly PostgresDatabase database;
    private readonly TimeProvider time;

    public PostgresMessageInbox(PostgresDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        this.database = database;
        this.time = time;
    }

    public async Task<bool> HasProcessedAsync(string messageId, string messageType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(messageType);
        await using var command = database.DataSource.CreateCommand(Exists).Text("message_id", messageId).Text("type", messageType);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    public async Task RecordProcessedAsync(string messageId, string messageType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(messageType);
        await using var command = database.DataSource.CreateCommand(Record)
            .Text("message_id", messageId)
            .Text("type", messageType)
            .Instant("now", StoredInstant.Now(time));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Forgets messages handled before <paramref name="before"/>; returns how many. Choose it well past the longest time
    /// a message can come again (the bus's duplicate detection window, lock duration times max deliveries).
    /// </summary>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(Purge).Instant("before", before);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
