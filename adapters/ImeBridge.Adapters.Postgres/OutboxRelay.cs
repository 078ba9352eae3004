using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// Sends the messages the referral store wrote into the <c>outbox</c> (in the same transaction as the state change)
/// to the external bus, in the order they were written, and deletes them only after the bus accepted them. A crash
/// between the send and the delete sends them again; the bus's MessageId duplicate detection makes that harmless.
/// One relay at a time across all processes (a transaction-scoped advisory lock), so a session's messages never
/// overtake each other; the others find the lock taken and wait for their next round.
/// </summary>
public sealed class OutboxRelay : BackgroundService
{
    /// <summary>The advisory lock key of the relay ("ImeBrOut" in ASCII), the same in every process.</summary>
    internal const long AdvisoryLockKey = 0x496D6542724F7574;

    private const string TryLock = "SELECT pg_try_advisory_xact_lock(@key);";

    private const string ReadBatch =
        "SELECT seq, message_id, type, session_id, body, not_before FROM outbox ORDER BY seq LIMIT @max;";

    private const string DeleteSent = "DELETE FROM outbox WHERE seq = ANY(@seqs);";

    private readonly PostgresDatabase database;
    private readonly IMessageQueue bus;
    private readonly PostgresOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<OutboxRelay> logger;

    public OutboxRelay(PostgresDatabase database, IMessageQueue bus, PostgresOptions options, TimeProvider time, ILogger<OutboxRelay> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OutboxBatchSize, 1, nameof(options));
        this.database = database;
        this.bus = bus;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>
    /// Sends one batch of outbox rows, oldest first, and deletes them once sent. Returns how many were sent: 0 when the
    /// outbox is empty or another process is relaying right now.
    /// </summary>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var tryLock = new NpgsqlCommand(TryLock, connection, transaction).Bigint("key", AdvisoryLockKey))
        {
            if (await tryLock.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return 0;
            }
        }

        var seqs = new List<long>();
        var messages = new List<QueueMessage>();
        await using (var read = new NpgsqlCommand(ReadBatch, connection, transaction).Integer("max", options.OutboxBatchSize))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                seqs.Add(reader.GetInt64(0));
                messages.Add(new QueueMessage(
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetFieldValue<byte[]>(4),
                    StoredInstant.ReadNullable(reader, 5)));
            }
        }

        if (messages.Count == 0)
        {
            return 0;
        }

        // Sent before the delete commits: a crash in between re-sends, never loses.
        await bus.SendAsync(messages, cancellationToken).ConfigureAwait(false);
        await using (var delete = new NpgsqlCommand(DeleteSent, connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter<long[]>("seqs", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint) { TypedValue = [.. seqs] });
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        logger.LogDebug("Relayed {Count} outbox messages", messages.Count);
        return messages.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RelayOnceAsync(stoppingToken).ConfigureAwait(false) == options.OutboxBatchSize)
                {
                    continue;
                }

                failures = 0;
                await Task.Delay(options.OutboxPollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var wait = TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 7))));
                // The exception type only: a bus error may quote message content.
                logger.LogWarning("Outbox relay failed with {ExceptionType} ({Failures} in a row); retrying in {RetryAfter}", ex.GetType().Name, failures, wait);
                await Task.Delay(wait, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }
}
