using ImeBridge.Core.Json;
using ImeBridge.Adapters.Sqlite.Internal;
using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Case;

namespace ImeBridge.Adapters.Sqlite;

/// <summary>
/// Referral state in <see cref="SqliteDatabase"/>. An accept writes the referral row (canonical JSON plus indexed
/// columns), its first timeline entry and its emitted messages into the queue table in one transaction, shared
/// with whatever other writes are waiting (group commit). Deduplicates on partner + delivery id and partner + external id,
/// and keeps each referral's claim key (a hash) so a second referral for the same claim and claimant can be found.
/// </summary>
public sealed class SqliteReferralStore : IReferralStore
{
    private readonly SqliteDatabase database;
    private readonly TimeProvider time;

    public SqliteReferralStore(SqliteDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        this.database = database;
        this.time = time;
    }

    public Task<AcceptOutcome> AcceptAsync(NewReferral referral, CancellationToken cancellationToken)
    {
        var row = AcceptRow.From(referral);
        return database.WriteAsync(
            (Row: row, Time: time),
            static (commands, state) => ReferralWrites.Accept(commands, state.Row, UnixTime.Now(state.Time)),
            cancellationToken);
    }

    public Task<StoredReferral?> GetAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = database.Read();
        return Task.FromResult(lease.InSnapshot(commands => ReferralReads.Get(commands, referralId)));
    }

    public Task<string> RecordRejectionAsync(RejectedIntake rejection, IntakeOriginal? original, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var errorsJson = StoredReferralJson.SerializeErrors(rejection.Errors ?? []);
        return database.WriteAsync(
            (Rejection: rejection, Original: original, ErrorsJson: errorsJson, Time: time),
            static (commands, state) => ReferralWrites.RecordRejection(commands, state.Rejection, state.Original, state.ErrorsJson, UnixTime.Now(state.Time)),
            cancellationToken);
    }

    public Task<byte[]?> ReadOriginalAsync(DocumentRef original, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(original);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = database.Read();
        var command = IntakeOriginal.ReferralIdOf(original) is { } referralId
            ? lease.Commands.Get(ReferralSql.GetReferralOriginal).Bind("$referral_id", referralId).Bind("$sha256", original.Sha256)
            : lease.Commands.Get(ReferralSql.GetOriginal).Bind("$sha256", original.Sha256);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? (byte[]?)reader.GetFieldValue<byte[]>(0) : null);
    }

    public Task<IReadOnlyList<RejectedIntake>> ListRejectionsAsync(int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (max <= 0)
        {
            return Task.FromResult<IReadOnlyList<RejectedIntake>>([]);
        }

        using var lease = database.Read();
        return Task.FromResult<IReadOnlyList<RejectedIntake>>(ReferralReads.ListRejections(lease.Commands, max));
    }

    public Task<RejectedIntake?> GetRejectionAsync(string rejectionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rejectionId);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = database.Read();
        return Task.FromResult(ReferralReads.GetRejection(lease.Commands, rejectionId));
    }

    public Task<bool> MarkRejectionReplayedAsync(string rejectionId, string referralId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rejectionId);
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        return database.WriteAsync(
            (RejectionId: rejectionId, ReferralId: referralId, At: at),
            static (commands, state) => ReferralWrites.MarkRejectionReplayed(commands, state.RejectionId, state.ReferralId, state.At),
            cancellationToken);
    }

    public Task<TransitionOutcome> TransitionAsync(ReferralTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return database.WriteAsync(
            (Transition: transition, CaseJson: transition.Case is { } updated ? CaseJson.Serialize(updated) : null, Emit: PendingMessage.From(transition.Emit ?? []), Time: time),
            static (commands, state) => ReferralWrites.Transition(commands, state.Transition, state.CaseJson, state.Emit, UnixTime.Now(state.Time)),
            cancellationToken);
    }

    public Task<bool> AppendTimelineAsync(string referralId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        ArgumentNullException.ThrowIfNull(entry);
        return database.WriteAsync(
            (ReferralId: referralId, Entry: entry),
            static (commands, state) => ReferralWrites.AppendTimeline(commands, state.ReferralId, state.Entry),
            cancellationToken);
    }

    public Task<IReadOnlyList<ReferralSummary>> ListReferralsAsync(ReferralQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = database.Read();
        return Task.FromResult<IReadOnlyList<ReferralSummary>>(ReferralReads.List(lease.Commands, query));
    }

    public Task<IReadOnlyList<ReferralSummary>> FindByClaimKeyAsync(string claimKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimKey);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = database.Read();
        return Task.FromResult<IReadOnlyList<ReferralSummary>>(ReferralReads.FindByClaimKey(lease.Commands, claimKey));
    }
}
