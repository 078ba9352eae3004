using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Case;
using Npgsql;

namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>
/// A transition in one transaction: the referral's row is locked first, so the checks (same message already applied,
/// expected state, expected case version) and the writes see one state, and two processes moving the same referral
/// take turns.
/// </summary>
internal static class ReferralTransitions
{
    public static async Task<TransitionOutcome> ApplyAsync(
        NpgsqlDataSource dataSource,
        PostgresBus bus,
        ReferralTransition transition,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var caseJson = transition.Case is { } updated ? CaseJson.Serialize(updated) : null;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        string current;
        long caseVersion;
        bool alreadyApplied;
        await using (var check = new NpgsqlCommand(ReferralSql.LockForTransition, connection, transaction)
            .Text("referral_id", transition.ReferralId)
            .Text("message_id", transition.Entry.MessageId))
        {
            await using var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new TransitionOutcome(TransitionResult.NotFound, null);
            }

            current = reader.GetString(0);
            caseVersion = reader.GetInt64(1);
            alreadyApplied = reader.GetBoolean(2);
        }

        if (alreadyApplied)
        {
            return new TransitionOutcome(TransitionResult.AlreadyApplied, current);
        }

        if (!string.Equals(current, transition.From, StringComparison.Ordinal))
        {
            return new TransitionOutcome(TransitionResult.StateChanged, current);
        }

        if (caseJson is not null && transition.ExpectedCaseVersion is { } expected && caseVersion != expected)
        {
            return new TransitionOutcome(TransitionResult.CaseChanged, current);
        }

        await using (var update = new NpgsqlCommand(ReferralSql.SetStatus, connection, transaction)
            .Text("referral_id", transition.ReferralId)
            .Text("status", transition.To)
            .Instant("updated_at", now)
            .Text("case_json", caseJson))
        {
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ReferralWrites.InsertTimelineAsync(connection, transaction, transition.ReferralId, seq: null, transition.Entry, cancellationToken).ConfigureAwait(false);
        await MessageEmitter.EmitAsync(bus, connection, transaction, transition.Emit ?? [], now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new TransitionOutcome(TransitionResult.Applied, transition.To);
    }

    public static async Task<bool> AppendTimelineAsync(NpgsqlDataSource dataSource, string referralId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockRow = new NpgsqlCommand(ReferralSql.LockReferral, connection, transaction).Text("referral_id", referralId))
        {
            if (await lockRow.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                return false;
            }
        }

        await ReferralWrites.InsertTimelineAsync(connection, transaction, referralId, seq: null, entry, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
