using System.Globalization;
using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Outbound;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// The outbox messages the external bus refused for good, which <see cref="OutboxRelay"/> set aside in
/// <c>outbox_refused</c> so that one bad message cannot stop every referral behind it. Each one holds the later messages
/// of its own referral (per-referral order) until an operator replays it (after fixing what the bus objected to, or
/// once the bus takes it) or discards it with a reason. Each refusal raises one <see cref="AlertKind"/> operator alert;
/// replaying or discarding resolves it. Logs and alerts carry ids and codes only, never bodies.
/// </summary>
public sealed class OutboxRefusals
{
    /// <summary>The operator alert kind of a refused outbox message.</summary>
    public const string AlertKind = "outbox.refused";

    private const int MaxDiscardReasonLength = 500;

    private readonly PostgresDatabase database;
    private readonly IOperatorAlerts alerts;
    private readonly TimeProvider time;
    private readonly ILogger<OutboxRefusals> logger;

    public OutboxRefusals(PostgresDatabase database, IOperatorAlerts alerts, TimeProvider time, ILogger<OutboxRefusals> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.database = database;
        this.alerts = alerts;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>A refusal's alert key: a message replayed and refused again is a new alert.</summary>
    public static string AlertKey(string messageId, DateTimeOffset refusedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{AlertKind}:{messageId}:{refusedAt.ToUnixTimeMilliseconds()}");

    /// <summary>The refused messages, oldest first; discarded ones too when <paramref name="includeDiscarded"/>.</summary>
    public async Task<IReadOnlyList<RefusedOutboxMessage>> ListAsync(bool includeDiscarded, int max, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(OutboxSql.List)
            .Boolean("all", includeDiscarded)
            .Integer("max", Math.Clamp(max, 1, 1000));
        return await command.ReadAllAsync(ReadRefused, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The refused message with <paramref name="seq"/> that is not discarded, or null.</summary>
    public async Task<RefusedOutboxMessage?> FindAsync(long seq, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(OutboxSql.FindHolding).Bigint("seq", seq);
        return await command.ReadFirstAsync(ReadRefused, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts a refused message back into the outbox under its original seq, ahead of its session's held messages, and
    /// resolves its alert. False when no refused message that is not discarded has that seq.
    /// </summary>
    public async Task<bool> ReplayAsync(long seq, CancellationToken cancellationToken)
    {
        var replayed = await ChangeAsync(OutboxSql.Replay, seq, command => command, cancellationToken).ConfigureAwait(false);
        if (replayed is null)
        {
            return false;
        }

        logger.LogInformation("Refused outbox message {MessageId} (session {SessionId}, seq {Seq}) put back into the outbox", replayed.MessageId, replayed.SessionId, seq);
        await alerts.ResolveAsync(AlertKey(replayed.MessageId, replayed.RefusedAt), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Gives up on a refused message for good: it stays in <c>outbox_refused</c> as the record of what was never sent,
    /// its session's held messages flow again, and its alert is resolved. The reason is kept, not logged.
    /// </summary>
    public async Task<bool> DiscardAsync(long seq, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reason.Length, MaxDiscardReasonLength, nameof(reason));
        var discarded = await ChangeAsync(
            OutboxSql.Discard,
            seq,
            command => command.Text("reason", reason).Instant("now", StoredInstant.Now(time)),
            cancellationToken).ConfigureAwait(false);
        if (discarded is null)
        {
            return false;
        }

        logger.LogWarning("Refused outbox message {MessageId} (session {SessionId}, seq {Seq}) discarded by an operator", discarded.MessageId, discarded.SessionId, seq);
        await alerts.ResolveAsync(AlertKey(discarded.MessageId, discarded.RefusedAt), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Raises the alert of every refused message not alerted yet and marks it alerted. The relay calls it after setting
    /// messages aside, and once at start, for a refusal whose alert a crash kept from being raised.
    /// </summary>
    internal async Task<int> RaisePendingAlertsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var select = database.DataSource.CreateCommand(OutboxSql.SelectUnalerted);
        var pending = await select.ReadAllAsync(
            static reader => (Seq: reader.GetInt64(0), MessageId: reader.GetString(1), Type: reader.GetString(2), SessionId: reader.GetString(3), RefusedAt: StoredInstant.Read(reader, 4), Reason: reader.GetString(5), Held: reader.GetInt64(6)),
            cancellationToken).ConfigureAwait(false);
        foreach (var refused in pending)
        {
            var detail = string.Create(
                CultureInfo.InvariantCulture,
                $"{refused.Type} {refused.MessageId} (session {refused.SessionId}, outbox seq {refused.Seq}) refused by the bus at {refused.RefusedAt:O}: {refused.Reason}; {refused.Held} later messages of this referral wait behind it. Replay or discard outbox seq {refused.Seq}.");
            var referralId = refused.SessionId.StartsWith("ref_", StringComparison.Ordinal) ? refused.SessionId : null;
            await alerts.RaiseAsync(new OperatorAlert(AlertKey(refused.MessageId, refused.RefusedAt), AlertKind, referralId, detail, now), cancellationToken).ConfigureAwait(false);
            await using var mark = database.DataSource.CreateCommand(OutboxSql.MarkAlerted).Bigint("seq", refused.Seq).Instant("refused_at", refused.RefusedAt);
            await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return pending.Count;
    }

    private static RefusedOutboxMessage ReadRefused(NpgsqlDataReader reader) =>
        new(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            StoredInstant.ReadNullable(reader, 4),
            StoredInstant.Read(reader, 5),
            reader.GetString(6),
            reader.GetInt64(9),
            StoredInstant.ReadNullable(reader, 7),
            reader.GetNullableString(8));

    private async Task<Changed?> ChangeAsync(string sql, long seq, Func<NpgsqlCommand, NpgsqlCommand> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var wait = new NpgsqlCommand(OutboxSql.WaitForRelayLock, connection, transaction).Bigint("key", OutboxRelay.AdvisoryLockKey))
        {
            await wait.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        Changed? changed;
        await using (var change = parameters(new NpgsqlCommand(sql, connection, transaction).Bigint("seq", seq)))
        {
            changed = await change.ReadFirstAsync(
                static reader => new Changed(reader.GetString(0), reader.GetString(1), StoredInstant.Read(reader, 2)),
                cancellationToken).ConfigureAwait(false);
        }

        if (changed is not null)
        {
            // A replayed message, or the session a discard released, is relayed now rather than after a poll.
            await using var notify = new NpgsqlCommand(OutboxWakeups.Notify, connection, transaction);
            await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }

    private sealed record Changed(string MessageId, string SessionId, DateTimeOffset RefusedAt);
}
