using ImeBridge.Core.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Sftp.Tests.Support;

/// <summary>The real store, which pulls the plug (cancels a token) once it has accepted a given number of referrals.</summary>
internal sealed class CancellingReferralStore(IReferralStore inner, int after, CancellationTokenSource plug) : IReferralStore
{
    private int accepted;

    public async Task<AcceptOutcome> AcceptAsync(NewReferral referral, CancellationToken cancellationToken)
    {
        var outcome = await inner.AcceptAsync(referral, cancellationToken);
        if (Interlocked.Increment(ref accepted) == after)
        {
            await plug.CancelAsync();
        }

        return outcome;
    }

    public Task<StoredReferral?> GetAsync(string referralId, CancellationToken cancellationToken) => inner.GetAsync(referralId, cancellationToken);

    public Task<string> RecordRejectionAsync(RejectedIntake rejection, IntakeOriginal? original, CancellationToken cancellationToken) =>
        inner.RecordRejectionAsync(rejection, original, cancellationToken);

    public Task<byte[]?> ReadOriginalAsync(DocumentRef original, CancellationToken cancellationToken) => inner.ReadOriginalAsync(original, cancellationToken);

    public Task<IReadOnlyList<RejectedIntake>> ListRejectionsAsync(int max, CancellationToken cancellationToken) => inner.ListRejectionsAsync(max, cancellationToken);

    public Task<RejectedIntake?> GetRejectionAsync(string rejectionId, CancellationToken cancellationToken) => inner.GetRejectionAsync(rejectionId, cancellationToken);

    public Task<bool> MarkRejectionReplayedAsync(string rejectionId, string referralId, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.MarkRejectionReplayedAsync(rejectionId, referralId, at, cancellationToken);

    public Task<TransitionOutcome> TransitionAsync(ReferralTransition transition, CancellationToken cancellationToken) =>
        inner.TransitionAsync(transition, cancellationToken);

    public Task<bool> AppendTimelineAsync(string referralId, TimelineEntry entry, CancellationToken cancellationToken) =>
        inner.AppendTimelineAsync(referralId, entry, cancellationToken);

    public Task<IReadOnlyList<ReferralSummary>> ListReferralsAsync(ReferralQuery query, CancellationToken cancellationToken) =>
        inner.ListReferralsAsync(query, cancellationToken);

    public Task<IReadOnlyList<ReferralSummary>> FindByClaimKeyAsync(string claimKey, CancellationToken cancellationToken) =>
        inner.FindByClaimKeyAsync(claimKey, cancellationToken);
}
