namespace ImeBridge.Hosting;

/// <summary>Body of 202 / 200 for a partner referral.</summary>
public sealed record ReferralAcceptedResponse(string ReferralId, string Status);
