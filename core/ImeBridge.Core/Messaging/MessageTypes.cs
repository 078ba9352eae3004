namespace ImeBridge.Core.Messaging;

public static class MessageTypes
{
    /// <summary>A referral was accepted and stored. Body: <see cref="ReferralReceived"/>.</summary>
    public const string ReferralReceived = nameof(ReferralReceived);

    /// <summary>A referral moved to another workflow state. Body: <see cref="ReferralStatusChanged"/>.</summary>
    public const string ReferralStatusChanged = nameof(ReferralStatusChanged);
}

/// <summary>Body of the message emitted when a referral is accepted. Ids only: messages carry no PHI.</summary>
public sealed record ReferralReceived(string ReferralId, string PartnerId, string Channel, DateTimeOffset ReceivedAt);

/// <summary>
/// Body of the message emitted when a referral's workflow state changes, in the referral's session so that listeners
/// (status write-backs, partner webhooks) see the changes in order. Ids and codes only: no PHI.
/// </summary>
/// <param name="Reason">Why, when the state is a refusal or a side exit (a reason code or a sentence without PHI).</param>
/// <param name="ReportSha256">The examiner's report in the document store, once there is one to deliver.</param>
public sealed record ReferralStatusChanged(
    string ReferralId,
    string PartnerId,
    string Channel,
    string Status,
    DateTimeOffset At,
    string? Reason = null,
    string? ReportSha256 = null);
