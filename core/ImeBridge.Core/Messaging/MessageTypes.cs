namespace ImeBridge.Core.Messaging;

public static class MessageTypes
{
    /// <summary>A referral was accepted and stored. Body: <see cref="ReferralReceived"/>.</summary>
    public const string ReferralReceived = nameof(ReferralReceived);
}

/// <summary>Body of the message emitted when a referral is accepted. Ids only: messages carry no PHI.</summary>
public sealed record ReferralReceived(string ReferralId, string PartnerId, string Channel, DateTimeOffset ReceivedAt);
