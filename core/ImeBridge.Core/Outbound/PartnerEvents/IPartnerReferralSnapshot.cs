using System.Text.Json.Nodes;

namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>
/// The referral as its partner reads it from <c>GET /api/referrals/{id}</c>, for subscriptions that opted in to full
/// payloads. Implemented by the host, which owns that view.
/// </summary>
public interface IPartnerReferralSnapshot
{
    /// <summary>Null when the referral is unknown or not the partner's.</summary>
    Task<JsonObject?> ReadAsync(string referralId, string partnerId, CancellationToken cancellationToken);
}
