namespace ImeBridge.Core.Workflow.Linking;

/// <summary>
/// Body of the message triage sends into the session of <paramref name="ReferralId"/> (the referral the exam goes on
/// in) when <paramref name="LinkedReferralId"/> arrived for the same claim and claimant and was linked to it.
/// Ids and the channel only.
/// </summary>
public sealed record ReferralLinked(string ReferralId, string LinkedReferralId, string Channel)
{
    public const string MessageType = nameof(ReferralLinked);
}
