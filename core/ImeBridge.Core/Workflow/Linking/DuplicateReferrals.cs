using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Workflow.Linking;

/// <summary>
/// Finds the open referral a newly received one duplicates: same <see cref="ClaimKey"/>, any partner, not ended
/// (Closed, Cancelled, Rejected, Linked). Of two duplicates still both Received (triaged at the same moment in their
/// own sessions), only the later-accepted one links to the other, so two can never link to each other and leave no exam.
/// </summary>
public static class DuplicateReferrals
{
    private static readonly HashSet<string> Ended = new(StringComparer.Ordinal)
    {
        ReferralStatus.Closed,
        ReferralStatus.Cancelled,
        ReferralStatus.Rejected,
        ReferralStatus.Linked,
    };

    public static bool IsOpen(string status) => !Ended.Contains(status);

    /// <summary>The open referral <paramref name="received"/> should be linked to, the first accepted; null when there is none.</summary>
    public static async Task<ReferralSummary?> FindOriginalAsync(IReferralStore store, StoredReferral received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(received);
        if (ClaimKey.For(received.Referral) is not { } key)
        {
            return null;
        }

        var sameClaim = await store.FindByClaimKeyAsync(key, cancellationToken);
        var self = IndexOf(sameClaim, received.ReferralId);
        for (var i = 0; i < sameClaim.Count; i++)
        {
            var other = sameClaim[i];
            var acceptedBefore = self < 0 || i < self;
            if (i != self && IsOpen(other.Status) && (acceptedBefore || other.Status != ReferralStatus.Received))
            {
                return other;
            }
        }

        return null;
    }

    private static int IndexOf(IReadOnlyList<ReferralSummary> referrals, string referralId)
    {
        for (var i = 0; i < referrals.Count; i++)
        {
            if (string.Equals(referrals[i].ReferralId, referralId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
