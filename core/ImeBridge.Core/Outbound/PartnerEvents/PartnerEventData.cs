using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>Fills the ids every event's data carries.</summary>
internal static class PartnerEventData
{
    /// <summary>The partner's own id for the referral, so it can match the event without a lookup.</summary>
    public static async Task AddExternalIdAsync(Dictionary<string, string> data, IReferralStore referrals, string referralId, CancellationToken cancellationToken)
    {
        var stored = await referrals.GetAsync(referralId, cancellationToken);
        if (stored?.Referral.Source.ExternalId is { Length: > 0 } externalId)
        {
            data["externalId"] = externalId;
        }
    }
}
