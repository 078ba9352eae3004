using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Sqlite;

/// <summary>
/// The embedded durable queue in <see cref="SqliteDatabase"/>, with Service Bus session semantics (see
/// <see cref="IMessageQueue"/>). Sends, receives (which lock) and settlements go through the database's
/// group-commit writer, so they are durable when they return and share commits with intake. Peeking reads
/// a pooled read connection. Time comes only from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SqliteMessageQueue : IMessageQueue
{
    private readonly SqliteDatabase database;
    private readonly TimeProvider time;
    private readonly long lockDurationMs;
    private readonly int maxDeliveryCount;

    public SqliteMessageQueue(SqliteDatabase database, TimeProvider time, QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.LockDuration, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDeliveryCount, 1, nameof(options));
        this.database = database;
        this.time = time;
        lockDurationMs = UnixTime.Milliseconds(options.LockDuration);
        maxDeliveryCount = options.MaxDeliveryCount;
    }

    public SqliteMessageQueue(SqliteDatabase database, TimeProvider time, IOptions<QueueOptions> options)
        : this(database, time, (options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    public Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        var pending = PendingMessage.From(messages);
        if (pending.Length == 0)
        {
            return Task.CompletedTask;
        }

        return database.WriteAsync(
            (Messages: pending, Time: time),
            static (commands, state) => QueueWrites.Insert(commands, state.Messages, UnixTime.Now(state.Time)),
            cancellationToken);
    }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        return database.WriteAsync(
            new ReceiveRequest(maxMessages, lockDurationMs, maxDeliveryCount, time),
            static (commands, request) => QueueReceive.Receive(commands, request),
            cancellationToken);
    }

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) =>
        SettleAsync(message, SettleKind.Complete, cancellationToken: cancellationToken);

    public Task AbandonAsync(ReceivedMessage message, string error, TimeSpan retryAfter, CancellationToken cancellationToken) =>
        SettleAsync(message, SettleKind.Abandon, text: error, retryAfterMs: UnixTime.Milliseconds(retryAfter), cancellationToken: cancellationToken);

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return SettleAsync(message, SettleKind.DeadLetter, reason, description, cancellationToken: cancellationToken);
    }

    public Task<bool> ReplayDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (Seq: sequenceNumber, Time: time),
            static (commands, state) => commands.Get(QueueSql.ReplayDeadLetter).Bind("$seq", state.Seq).Bind("$now", UnixTime.Now(state.Time)).ExecuteNonQuery() > 0,
            cancellationToken);

    public Task<IReadOnlyList<DeadLetteredMessage>> PeekDeadLettersAsync(int maxMessages, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (maxMessages <= 0)
        {
            return Task.FromResult<IReadOnlyList<DeadLetteredMessage>>([]);
        }

        using var lease = database.Read();
        return Task.FromResult<IReadOnlyList<DeadLetteredMessage>>(QueueReads.PeekDeadLetters(lease.Commands, maxMessages));
    }

    private Task<bool> SettleAsync(
        ReceivedMessage message,
        SettleKind kind,
        string? reason = null,
        string? text = null,
        long retryAfterMs = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = new SettleRequest(kind, message.SequenceNumber, message.LockToken, time, maxDeliveryCount, reason, text, retryAfterMs);
        return database.WriteAsync(request, static (commands, request) => QueueSettlement.Settle(commands, request), cancellationToken);
    }
}
