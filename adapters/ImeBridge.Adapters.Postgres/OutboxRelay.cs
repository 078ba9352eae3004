using System.Runtime.ExceptionServices;
using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// Sends the messages the referral store wrote into the <c>outbox</c> (in the same transaction as the state change)
/// to the external bus, in the order they were written, and deletes them only after the bus accepted them. A crash
/// between the send and the delete sends them again; the bus's MessageId duplicate detection makes that harmless.
/// One relay at a time across all processes (a transaction-scoped advisory lock), so a session's messages never
/// overtake each other; the others find the lock taken and wait for their next round.
/// <para>
/// A transient failure (network, timeout, a busy bus) leaves the batch as it is for the next round, after a back-off.
/// Any other failure may be one message's: the batch is sent again one message at a time to find it. A message the bus
/// refuses for good (<see cref="MessageRefusedException"/>, or a failure of its own that repeats while the bus takes
/// others) is moved to <c>outbox_refused</c> in the transaction that deletes the sent rows and raises one operator
/// alert (<see cref="OutboxRefusals"/>). The later messages of its referral stay in the outbox, held until an operator
/// replays or discards it, so none overtakes it; every other referral keeps moving.
/// </para>
/// </summary>
public sealed class OutboxRelay : BackgroundService
{
    /// <summary>The advisory lock key of the relay ("ImeBrOut" in ASCII), the same in every process.</summary>
    internal const long AdvisoryLockKey = 0x496D6542724F7574;

    private readonly PostgresDatabase database;
    private readonly IMessageQueue bus;
    private readonly PostgresOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<OutboxRelay> logger;
    private readonly OutboxRefusals refusals;
    private readonly OutboxSuspects suspects;
    private bool pendingAlertsChecked;

    /// <summary>Raises refusal alerts straight into this database's <c>operator_alerts</c>.</summary>
    public OutboxRelay(PostgresDatabase database, IMessageQueue bus, PostgresOptions options, TimeProvider time, ILogger<OutboxRelay> logger)
        : this(database, bus, new PostgresOperatorAlerts(database, time, NullLogger<PostgresOperatorAlerts>.Instance), options, time, logger)
    {
    }

    public OutboxRelay(PostgresDatabase database, IMessageQueue bus, IOperatorAlerts alerts, PostgresOptions options, TimeProvider time, ILogger<OutboxRelay> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OutboxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OutboxSetAsideAfterFailures, 1, nameof(options));
        this.database = database;
        this.bus = bus;
        this.options = options;
        this.time = time;
        this.logger = logger;
        refusals = new OutboxRefusals(database, alerts, time, NullLogger<OutboxRefusals>.Instance);
        suspects = new OutboxSuspects(options.OutboxSetAsideAfterFailures);
    }

    /// <summary>
    /// Sends one batch of outbox rows, oldest first, and deletes them once sent. Returns how many were sent: 0 when the
    /// outbox is empty (or holds only sessions waiting behind a refused message) or another process is relaying right now.
    /// Throws the bus's failure when nothing could be sent or set aside, so the caller backs off.
    /// </summary>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        if (!pendingAlertsChecked)
        {
            await refusals.RaisePendingAlertsAsync(cancellationToken).ConfigureAwait(false);
            pendingAlertsChecked = true;
        }

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var tryLock = new NpgsqlCommand(OutboxSql.TryRelayLock, connection, transaction).Bigint("key", AdvisoryLockKey))
        {
            if (await tryLock.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return 0;
            }
        }

        var batch = await ReadBatchAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            return 0;
        }

        OutboxIsolationRound? isolated = null;
        try
        {
            // Sent before the delete commits: a crash in between re-sends, never loses.
            await bus.SendAsync([.. batch.Select(row => row.Message)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && OutboxSendFailures.Classify(ex).Kind != OutboxSendFailureKind.Transient)
        {
            isolated = await OutboxIsolation.SendOneByOneAsync(bus, batch, ex, cancellationToken).ConfigureAwait(false);
        }

        var sent = isolated?.Sent ?? [.. batch.Select(row => row.Seq)];
        var verdict = isolated is null ? null : suspects.Judge(isolated);
        await DeleteSentAsync(connection, transaction, sent, cancellationToken).ConfigureAwait(false);
        foreach (var (row, failure) in verdict?.SetAside ?? [])
        {
            await SetAsideAsync(connection, transaction, row.Seq, failure.ReasonCode, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        logger.LogDebug("Relayed {Count} outbox messages", sent.Count);
        if (isolated is null || verdict is null)
        {
            return sent.Count;
        }

        await ReportAsync(isolated, verdict, cancellationToken).ConfigureAwait(false);
        if (isolated.StoppedBy is { } stopped)
        {
            ExceptionDispatchInfo.Throw(stopped);
        }

        if (sent.Count == 0 && verdict.SetAside.Count == 0)
        {
            ExceptionDispatchInfo.Throw(isolated.BatchError);
        }

        return sent.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var wakeups = new OutboxWakeups(database.DataSource, time, logger) { FirstReconnectDelay = options.OutboxListenRetryDelay };
        wakeups.Start();
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
                await wakeups.WaitAsync(options.OutboxPollInterval, stoppingToken).ConfigureAwait(false);
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

    private async Task ReportAsync(OutboxIsolationRound round, OutboxVerdict verdict, CancellationToken cancellationToken)
    {
        foreach (var (row, failure) in verdict.SetAside)
        {
            logger.LogError(
                "Outbox message {MessageId} ({MessageType}, session {SessionId}, seq {Seq}) refused by the bus with {ReasonCode}: set aside in outbox_refused; later messages of its session wait until it is replayed or discarded",
                row.Message.MessageId,
                row.Message.Type,
                row.Message.SessionId,
                row.Seq,
                failure.ReasonCode);
        }

        foreach (var (row, failure, count) in verdict.Counting)
        {
            logger.LogWarning(
                "Outbox message {MessageId} ({MessageType}, session {SessionId}, seq {Seq}) failed alone with {ReasonCode} ({Failures} of {SetAsideAfter} before it is set aside); its session waits",
                row.Message.MessageId,
                row.Message.Type,
                row.Message.SessionId,
                row.Seq,
                failure.ReasonCode,
                count,
                options.OutboxSetAsideAfterFailures);
        }

        logger.LogInformation(
            "Outbox batch failed with {ExceptionType} and was sent one at a time: {Sent} sent, {SetAside} set aside, {Waiting} waiting, {Held} held behind them",
            round.BatchError.GetType().Name,
            round.Sent.Count,
            verdict.SetAside.Count,
            verdict.Counting.Count,
            round.Held);
        if (verdict.SetAside.Count > 0)
        {
            // Until raised, the next round tries again (a failure here must not leave a refusal without its alert).
            pendingAlertsChecked = false;
            await refusals.RaisePendingAlertsAsync(cancellationToken).ConfigureAwait(false);
            pendingAlertsChecked = true;
        }
    }

    private async Task<List<OutboxRow>> ReadBatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand(OutboxSql.ReadBatch, connection, transaction).Integer("max", options.OutboxBatchSize);
        return await read.ReadAllAsync(
            static reader => new OutboxRow(
                reader.GetInt64(0),
                new QueueMessage(
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetFieldValue<byte[]>(4),
                    StoredInstant.ReadNullable(reader, 5))),
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task DeleteSentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<long> seqs, CancellationToken cancellationToken)
    {
        if (seqs.Count == 0)
        {
            return;
        }

        await using var delete = new NpgsqlCommand(OutboxSql.DeleteSent, connection, transaction);
        delete.Parameters.Add(new NpgsqlParameter<long[]>("seqs", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint) { TypedValue = [.. seqs] });
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SetAsideAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long seq, string reasonCode, CancellationToken cancellationToken)
    {
        await using var move = new NpgsqlCommand(OutboxSql.SetAside, connection, transaction)
            .Bigint("seq", seq)
            .Text("reason", reasonCode)
            .Instant("now", StoredInstant.Now(time));
        await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
