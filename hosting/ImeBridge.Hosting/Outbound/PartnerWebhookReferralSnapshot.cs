using System.Text.Json;
using System.Text.Json.Nodes;
using ImeBridge.Core.Json;
using ImeBridge.Core.Outbound.PartnerEvents;
using ImeBridge.Core.Ports;

namespace ImeBridge.Hosting.Outbound;

/// <summary>
/// The referral of a full-payload webhook, exactly as its partner reads it from <c>GET /api/referrals/{id}</c>
/// (<see cref="ReferralView"/>); lives in the host because the host owns that view.
/// </summary>
internal sealed class PartnerWebhookReferralSnapshot(IReferralStore referrals) : IPartnerReferralSnapshot
{
    public async Task<JsonObject?> ReadAsync(string referralId, string partnerId, CancellationToken cancellationToken)
    {
        var stored = await referrals.GetAsync(referralId, cancellationToken);
        if (stored is null || !string.Equals(stored.PartnerId, partnerId, StringComparison.Ordinal))
        {
            return null;
        }

        return JsonSerializer.SerializeToNode(ReferralView.From(stored), ReferralJson.Options)?.AsObject();
    }
}
