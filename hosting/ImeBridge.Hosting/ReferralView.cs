using ImeBridge.Core.Model;

namespace ImeBridge.Hosting;

/// <summary>Body of <c>GET /api/referrals/{referralId}</c>; serialized with <c>ReferralJson.Options</c> (nulls left out).</summary>
public sealed record ReferralView(string ReferralId, string Status, Referral Referral, IReadOnlyList<TimelineEntryView> Timeline);
