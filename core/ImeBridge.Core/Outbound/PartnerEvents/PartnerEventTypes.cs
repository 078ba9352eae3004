namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>The event types a partner can subscribe to; each has a JSON Schema at <c>schemas/events/{type}.schema.json</c>.</summary>
public static class PartnerEventTypes
{
    /// <summary>A referral of the partner was accepted. Data: referralId, externalId, channel.</summary>
    public const string ReferralReceived = "referral.received";

    /// <summary>A referral moved to another workflow state. Data: referralId, externalId, status, reason.</summary>
    public const string ReferralStatusChanged = "referral.status_changed";

    /// <summary>An approved report can be fetched. Data: referralId, externalId, reportVersion, reportSha256.</summary>
    public const string ReportAvailable = "report.available";

    /// <summary>In a subscription's event list: every type.</summary>
    public const string All = "*";

    public static readonly IReadOnlyList<string> Known = [ReferralReceived, ReferralStatusChanged, ReportAvailable];
}
