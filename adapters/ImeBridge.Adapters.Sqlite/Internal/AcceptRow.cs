using ImeBridge.Core.Json;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>
/// Everything an accept writes, prepared (serialized, validated, the claim key hashed) on the caller's thread so the
/// writer only writes.
/// </summary>
internal sealed record AcceptRow(
    string ReferralId,
    string PartnerId,
    string? ExternalId,
    string? DeliveryId,
    string? ClaimKey,
    string Status,
    long ReceivedAt,
    string ReferralJson,
    TimelineEntry FirstEntry,
    PendingMessage[] Emit,
    IntakeOriginal? Original)
{
    public static AcceptRow From(NewReferral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(referral.FirstEntry);
        var source = referral.Referral.Source;
        return new AcceptRow(
            referral.ReferralId,
            referral.PartnerId,
            string.IsNullOrEmpty(source.ExternalId) ? null : source.ExternalId,
            string.IsNullOrEmpty(source.DeliveryId) ? null : source.DeliveryId,
            Core.Workflow.Linking.ClaimKey.For(referral.Referral),
            referral.Referral.Status ?? referral.FirstEntry.Status ?? ReferralStatus.Received,
            UnixTime.ToMilliseconds(source.ReceivedAt ?? referral.FirstEntry.At),
            StoredReferralJson.SerializeReferral(referral.Referral),
            referral.FirstEntry,
            PendingMessage.From(referral.Emit ?? []),
            referral.Original);
    }
}
