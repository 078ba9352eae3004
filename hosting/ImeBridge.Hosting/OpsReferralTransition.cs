namespace ImeBridge.Hosting;

/// <summary>Body of <c>POST /api/ops/referrals/{referralId}/transitions</c>: the state to move to, why, and who asks.</summary>
public sealed record OpsReferralTransition(string? To, string? Reason, string? Operator);
