using ImeBridge.Core.Json;
using ImeBridge.Adapters.Postgres.Internal;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using Npgsql;

namespace ImeBridge.Adapters.Postgres;

/// <summary>
/// Referral state in <see cref="PostgresDatabase"/>, shared by every process of a scaled-out bridge. An accept writes
/// the referral row, its original bytes, its first timeline entry and the messages it emits in one transaction; the
/// messages go into the queue table or, when the bus is an external one, into the outbox that
/// <see cref="OutboxRelay"/> drains. Dedupe (partner + delivery id, partner + external id) is done by unique indexes,
/// so it holds across processes: the loser of a race reads the winner's referral. A transition locks the referral's
/// row and checks the expected state and case version inside the same transaction.
/// </summary>
public sealed class PostgresReferralStore : IReferralStore
{
    private readonly PostgresDatabase database;
    private readonly TimeProvider time;
    private readonly PostgresBus bus;

    /// <param name="bus">Where emitted messages are written: the queue table, or the outbox for an external bus.</param>
    public PostgresReferralStore(PostgresDatabase database, TimeProvider time, PostgresBus bus = PostgresBus.Postgres)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        this.database = database;
        this.time = time;
        this.bus = bus;
    }

    private NpgsqlDataSource DataSource => database.DataSource;

    public async Task<AcceptOutcome> AcceptAsync(NewReferral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(referral.FirstEntry);
        var now = StoredInstant.Now(time);
        await using (var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await ReferralWrites.TryInsertAsync(connection, transaction, referral, now, cancellationToken).ConfigureAwait(false))
            {
                await ReferralWrites.InsertOriginalAsync(connection, transaction, referral.Original, now, cancellationToken).ConfigureAwait(false);
                await ReferralWrites.InsertTimelineAsync(connection, transaction, referral.ReferralId, 1, referral.FirstEntry, cancellationToken).ConfigureAwait(false);
                await MessageEmitter.EmitAsync(bus, connection, transaction, referral.Emit ?? [], now, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new AcceptOutcome(referral.ReferralId, referral.Referral.Status ?? referral.FirstEntry.Status ?? Core.Workflow.ReferralStatus.Received, Duplicate: false);
            }
        }

        // A key was taken, and the transaction that took it has committed (the insert waited for it): read the winner.
        return await ReferralWrites.FindDuplicateAsync(DataSource, referral, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Referral id {referral.ReferralId} is already stored for another referral.");
    }

    public Task<StoredReferral?> GetAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        return ReferralReads.GetAsync(DataSource, referralId, cancellationToken);
    }

    public async Task<string> RecordRejectionAsync(RejectedIntake rejection, IntakeOriginal? original, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var now = StoredInstant.Now(time);
        await using (var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var insert = new NpgsqlCommand(ReferralSql.InsertRejection, connection, transaction)
                .Text("rejection_id", rejection.RejectionId)
                .Instant("at", rejection.At)
                .Text("channel", rejection.Channel)
                .Text("partner_id", rejection.PartnerId)
                .Text("delivery_id", rejection.DeliveryId)
                .Text("original_sha256", rejection.Original?.Sha256)
                .Bigint("original_size", rejection.Original?.Size)
                .Text("original_content_type", rejection.Original?.ContentType)
                .Text("original_store_ref", rejection.Original?.StoreRef)
                .Text("errors_json", StoredReferralJson.SerializeErrors(rejection.Errors ?? []));
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                await ReferralWrites.InsertOriginalAsync(connection, transaction, original, now, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return rejection.RejectionId;
            }
        }

        if (rejection.PartnerId is not null && rejection.DeliveryId is not null)
        {
            await using var find = DataSource.CreateCommand(ReferralSql.FindRejectionByDelivery)
                .Text("partner_id", rejection.PartnerId)
                .Text("delivery_id", rejection.DeliveryId);
            if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string existing)
            {
                return existing;
            }
        }

        // The same rejection id was kept before (a retried call): it is the one kept.
        return rejection.RejectionId;
    }

    /// <summary>Every original is kept by its content here, whichever way its reference names it.</summary>
    public async Task<byte[]?> ReadOriginalAsync(DocumentRef original, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(original);
        await using var command = DataSource.CreateCommand(ReferralSql.GetOriginal).Text("sha256", original.Sha256);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    public Task<IReadOnlyList<RejectedIntake>> ListRejectionsAsync(int max, CancellationToken cancellationToken) =>
        max <= 0 ? Task.FromResult<IReadOnlyList<RejectedIntake>>([]) : ReferralReads.ListRejectionsAsync(DataSource, max, cancellationToken);

    public Task<RejectedIntake?> GetRejectionAsync(string rejectionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rejectionId);
        return ReferralReads.GetRejectionAsync(DataSource, rejectionId, cancellationToken);
    }

    public async Task<bool> MarkRejectionReplayedAsync(string rejectionId, string referralId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rejectionId);
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        await using var command = DataSource.CreateCommand(ReferralSql.MarkRejectionReplayed)
            .Text("rejection_id", rejectionId)
            .Text("referral_id", referralId)
            .Instant("replayed_at", at);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public Task<TransitionOutcome> TransitionAsync(ReferralTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return ReferralTransitions.ApplyAsync(DataSource, bus, transition, StoredInstant.Now(time), cancellationToken);
    }

    public Task<bool> AppendTimelineAsync(string referralId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        ArgumentNullException.ThrowIfNull(entry);
        return ReferralTransitions.AppendTimelineAsync(DataSource, referralId, entry, cancellationToken);
    }

    public Task<IReadOnlyList<ReferralSummary>> ListReferralsAsync(ReferralQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReferralReads.ListAsync(DataSource, query, cancellationToken);
    }

    public Task<IReadOnlyList<ReferralSummary>> FindByClaimKeyAsync(string claimKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimKey);
        return ReferralReads.FindByClaimKeyAsync(DataSource, claimKey, cancellationToken);
    }
}
