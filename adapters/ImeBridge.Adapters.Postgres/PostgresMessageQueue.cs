using System.Globalization;
using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// The workflow queue in the <c>queue_messages</c> table of <see cref="PostgresDatabase"/>, with Service Bus session
/// semantics (see <see cref="IMessageQueue"/>), safe for several processes sharing the database: receiving locks
/// session heads with <c>FOR UPDATE SKIP LOCKED</c>, a locked head (its lock token and expiry) keeps its session from
/// every other consumer, and duplicate detection is the message id primary key. Each call is one committed statement,
/// durable when it returns. Time comes only from the injected <see cref="TimeProvider"/>, never from the server's clock.
/// </summary>
public sealed class PostgresMessageQueue : IMessageQueue
{
    private readonly PostgresDatabase database;
    private readonly TimeProvider time;
    private readonly TimeSpan lockDuration;
    private readonly int maxDeliveryCount;

    public PostgresMessageQueue(PostgresDatabase database, TimeProvider time, QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.LockDuration, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDeliveryCount, 1, nameof(options));
        this.database = database;
        this.time = time;
        lockDuration = options.LockDuration;
        maxDeliveryCount = options.MaxDeliveryCount;
    }

    public PostgresMessageQueue(PostgresDatabase database, TimeProvider time, IOptions<QueueOptions> options)
        : this(database, time, (options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    public async Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await QueueInserts.InsertAsync(connection, transaction, messages, StoredInstant.Now(time), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var now = StoredInstant.Now(time);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var sweep = new NpgsqlCommand(QueueSql.DeadLetterExpiredAtMaxDeliveries, connection)
            .Text("reason", QueueSql.MaxDeliveryCountExceeded)
            .Text("description", QueueSql.LockExpired)
            .Instant("now", now)
            .Integer("max_delivery_count", maxDeliveryCount))
        {
            await sweep.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var receive = new NpgsqlCommand(QueueSql.Receive, connection)
            .Instant("now", now)
            .Instant("locked_until", now + lockDuration)
            .Integer("max_delivery_count", maxDeliveryCount)
            .Integer("max", maxMessages);
        var received = new List<(DateTimeOffset NotBefore, ReceivedMessage Message)>();
        await using (var reader = await receive.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                received.Add((StoredInstant.Read(reader, 8), new ReceivedMessage(
                    SequenceNumber: reader.GetInt64(0),
                    MessageId: reader.GetString(1),
                    Type: reader.GetString(2),
                    SessionId: reader.GetString(3),
                    Body: reader.GetFieldValue<byte[]>(4),
                    DeliveryCount: reader.GetInt32(5),
                    EnqueuedAt: StoredInstant.Read(reader, 6),
                    LockToken: reader.GetString(7))));
            }
        }

        // RETURNING does not keep the subquery's order: deliver oldest first.
        return received
            .OrderBy(r => r.NotBefore)
            .ThenBy(r => r.Message.SequenceNumber)
            .Select(r => r.Message)
            .ToList();
    }

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) =>
        SettleAsync(message, QueueSql.Complete, _ => { }, cancellationToken);

    public Task AbandonAsync(ReceivedMessage message, string error, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var now = StoredInstant.Now(time);
        return SettleAsync(
            message,
            QueueSql.Abandon,
            command => command
                .Integer("max_delivery_count", maxDeliveryCount)
                .Text("reason", QueueSql.MaxDeliveryCountExceeded)
                .Text("error", error)
                .Instant("retry_at", now + (retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.Zero)),
            cancellationToken,
            now);
    }

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return SettleAsync(message, QueueSql.DeadLetter, command => command.Text("reason", reason).Text("description", description), cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetteredMessage>> PeekDeadLettersAsync(int maxMessages, CancellationToken cancellationToken)
    {
        if (maxMessages <= 0)
        {
            return [];
        }

        await using var command = database.DataSource.CreateCommand(QueueSql.PeekDeadLetters).Integer("max", maxMessages);
        return await command.ReadAllAsync(
            reader => new DeadLetteredMessage(
                SequenceNumber: reader.GetInt64(0),
                MessageId: reader.GetString(1),
                Type: reader.GetString(2),
                SessionId: reader.GetString(3),
                Body: reader.GetFieldValue<byte[]>(4),
                DeliveryCount: reader.GetInt32(5),
                Reason: reader.GetNullableString(6) ?? "",
                Description: reader.GetNullableString(7),
                DeadLetteredAt: StoredInstant.ReadNullable(reader, 8) ?? DateTimeOffset.UnixEpoch),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ReplayDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(QueueSql.ReplayDeadLetter)
            .Bigint("seq", sequenceNumber)
            .Instant("now", StoredInstant.Now(time));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private async Task SettleAsync(
        ReceivedMessage message,
        string sql,
        Action<NpgsqlCommand> bind,
        CancellationToken cancellationToken,
        DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var command = database.DataSource.CreateCommand(sql)
            .Bigint("seq", message.SequenceNumber)
            .Text("lock_token", message.LockToken)
            .Instant("now", at ?? StoredInstant.Now(time));
        bind(command);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw LockLost(message.SequenceNumber);
        }
    }

    /// <summary>Names the sequence number only: message ids and bodies stay out of exception text.</summary>
    private static MessageLockLostException LockLost(long seq) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"The lock on message {seq} was lost: it expired, was settled already, or the message was received again."));
}
