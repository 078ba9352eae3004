using ImeBridge.Core.Messaging;
using ImeBridge.Core.Model;
using ImeBridge.Core.Workflow.Case;

namespace ImeBridge.Core.Ports;

/// <summary>
/// The state of referrals. An adapter stores a new referral, its first timeline entry and the
/// messages it emits in one transaction, so nothing is half-accepted when the process dies.
/// </summary>
public interface IReferralStore
{
    /// <summary>
    /// Stores a new referral unless the same delivery (partner + delivery id) or the same referral
    /// (partner + external id) is already stored, in which case nothing is written and the existing
    /// referral is returned with <see cref="AcceptOutcome.Duplicate"/> set.
    /// </summary>
    Task<AcceptOutcome> AcceptAsync(NewReferral referral, CancellationToken cancellationToken);

    /// <summary>The referral with its timeline, or null when it does not exist.</summary>
    Task<StoredReferral?> GetAsync(string referralId, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps a rejected input with every reason so an operator can fix and replay it. When
    /// <paramref name="original"/> is given its bytes are kept in the same transaction. A rejection for a partner and
    /// delivery id already rejected is not kept again (a batch re-read after a crash, a retried webhook).
    /// Returns the id of the rejection kept: this one, or the earlier one for the same delivery.
    /// </summary>
    Task<string> RecordRejectionAsync(RejectedIntake rejection, IntakeOriginal? original, CancellationToken cancellationToken);

    /// <summary>
    /// The bytes of an intake kept with <see cref="IntakeOriginal"/> that <paramref name="original"/> points at (a
    /// rejection's <see cref="RejectedIntake.Original"/>, a referral's <c>source.originalDocument</c>); null when none.
    /// </summary>
    Task<byte[]?> ReadOriginalAsync(DocumentRef original, CancellationToken cancellationToken);

    /// <summary>The most recent rejected inputs, newest first.</summary>
    Task<IReadOnlyList<RejectedIntake>> ListRejectionsAsync(int max, CancellationToken cancellationToken);

    /// <summary>One rejected input by its id, or null when there is none.</summary>
    Task<RejectedIntake?> GetRejectionAsync(string rejectionId, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a rejected input was fixed and replayed into <paramref name="referralId"/>. The latest replay wins.
    /// Returns false when the rejection does not exist.
    /// </summary>
    Task<bool> MarkRejectionReplayedAsync(string rejectionId, string referralId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a referral from <see cref="ReferralTransition.From"/> to <see cref="ReferralTransition.To"/>, appending the
    /// timeline entry and queueing <see cref="ReferralTransition.Emit"/> in one transaction. Nothing is written when the
    /// referral is not in <c>From</c> any more, or when a timeline entry with the same message id is already recorded
    /// (the same message delivered twice).
    /// </summary>
    Task<TransitionOutcome> TransitionAsync(ReferralTransition transition, CancellationToken cancellationToken);

    /// <summary>Appends a timeline entry without changing the state (a refused transition); false when the referral does not exist.</summary>
    Task<bool> AppendTimelineAsync(string referralId, TimelineEntry entry, CancellationToken cancellationToken);

    /// <summary>Referrals for operators, newest first: by state, partner, and how long since they last moved.</summary>
    Task<IReadOnlyList<ReferralSummary>> ListReferralsAsync(ReferralQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Every referral, of any partner, whose claim key (<see cref="Workflow.Linking.ClaimKey"/>, computed by the store
    /// when it accepts a referral) is <paramref name="claimKey"/>, in the order they were accepted; empty when none.
    /// </summary>
    Task<IReadOnlyList<ReferralSummary>> FindByClaimKeyAsync(string claimKey, CancellationToken cancellationToken);
}

/// <param name="Statuses">Only these states; any state when empty.</param>
/// <param name="UpdatedBefore">Only referrals that have not moved since this instant (stuck ones).</param>
public sealed record ReferralQuery(IReadOnlyList<string> Statuses, string? PartnerId = null, DateTimeOffset? UpdatedBefore = null, int Max = 100);

/// <summary>One line of an operator's list: ids, state and times, no PHI.</summary>
public sealed record ReferralSummary(string ReferralId, string PartnerId, string Status, DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt);

/// <param name="Entry">What the timeline records; its <see cref="TimelineEntry.MessageId"/> makes the transition idempotent.</param>
/// <param name="To">The state after it; equal to <paramref name="From"/> for a step that only records and updates the case.</param>
public sealed record ReferralTransition(string ReferralId, string From, string To, TimelineEntry Entry, IReadOnlyList<QueueMessage> Emit)
{
    /// <summary>The referral's case after the transition, written in the same transaction; null leaves the stored case alone.</summary>
    public ReferralCase? Case { get; init; }

    /// <summary>
    /// With <see cref="Case"/>: the <see cref="StoredReferral.CaseVersion"/> the update was computed from. When the case
    /// was written since, nothing is written and the result is <see cref="TransitionResult.CaseChanged"/>.
    /// </summary>
    public long? ExpectedCaseVersion { get; init; }
}

/// <summary>What became of a transition; <paramref name="CurrentStatus"/> is the state after it (null when the referral does not exist).</summary>
public sealed record TransitionOutcome(TransitionResult Result, string? CurrentStatus)
{
    /// <summary>Why the workflow refused the move (the table or a guard), as recorded on the timeline; null otherwise.</summary>
    public string? Refusal { get; init; }
}

public enum TransitionResult
{
    Applied,

    /// <summary>The same message was applied before: nothing written again.</summary>
    AlreadyApplied,

    /// <summary>The referral was no longer in the expected state: nothing written.</summary>
    StateChanged,

    NotFound,

    /// <summary>The case was written since the read the update was computed from: nothing written.</summary>
    CaseChanged,
}

/// <param name="Referral">The canonical referral with <c>referralId</c>, <c>status</c> and <c>source</c> filled in.</param>
/// <param name="FirstEntry">The timeline entry that records the intake.</param>
/// <param name="Emit">Messages to put on the queue in the same transaction.</param>
/// <param name="Original">The bytes the referral was read from, kept in the same transaction; null when they are
/// already kept elsewhere (a batch file in the document store, say).</param>
public sealed record NewReferral(Referral Referral, TimelineEntry FirstEntry, IReadOnlyList<QueueMessage> Emit, IntakeOriginal? Original = null)
{
    public string ReferralId => Referral.ReferralId ?? throw new InvalidOperationException("referralId is not assigned");
    public string PartnerId => Referral.Source.PartnerId ?? throw new InvalidOperationException("source.partnerId is not assigned");
}

public sealed record AcceptOutcome(string ReferralId, string Status, bool Duplicate);

public sealed record StoredReferral(
    string ReferralId,
    string PartnerId,
    string Status,
    Referral Referral,
    IReadOnlyList<TimelineEntry> Timeline)
{
    /// <summary>What the workflow has decided so far (expert, appointment, documents, reports).</summary>
    public ReferralCase Case { get; init; } = ReferralCase.Empty;

    /// <summary>How many times the case was written; a case update names the version it was computed from.</summary>
    public long CaseVersion { get; init; }
}

/// <summary>One line of a referral's audit timeline: when, what, who or which message, and why.</summary>
public sealed record TimelineEntry(
    DateTimeOffset At,
    string Event,
    string? Status = null,
    string? Actor = null,
    string? MessageId = null,
    string? Detail = null);

/// <summary>An input that was refused, with where its original bytes are and every reason.</summary>
/// <param name="Replayed">Set once an operator has fixed and replayed it into a referral; null until then.</param>
public sealed record RejectedIntake(
    string RejectionId,
    DateTimeOffset At,
    string Channel,
    string? PartnerId,
    string? DeliveryId,
    DocumentRef? Original,
    IReadOnlyList<FieldError> Errors,
    RejectionReplay? Replayed = null);

/// <summary>A rejected input was replayed (fixed, or as it was) and became <paramref name="ReferralId"/> at <paramref name="At"/>.</summary>
public sealed record RejectionReplay(string ReferralId, DateTimeOffset At);

/// <summary>A field that failed validation: its path (<c>claimant.dateOfBirth</c>, <c>request.questions[0]</c>) and why.</summary>
public sealed record FieldError(string Path, string Reason);
