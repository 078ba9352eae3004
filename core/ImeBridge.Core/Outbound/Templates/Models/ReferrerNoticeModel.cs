namespace ImeBridge.Core.Outbound.Templates.Models;

/// <summary>A referral's status change told to the referrer: the ids and the state, nothing the referrer did not send.</summary>
public sealed class ReferrerNoticeModel
{
    public string ReferralId { get; set; } = "";

    /// <summary>The referrer's own id for the referral; empty when it sent none.</summary>
    public string ExternalId { get; set; } = "";

    /// <summary>The workflow status (Scheduled, ReportApproved, …).</summary>
    public string Status { get; set; } = "";

    public DateOnly ChangedOn { get; set; }

    /// <summary>Where the referrer sees the referral (its portal or API); empty to leave out.</summary>
    public string Link { get; set; } = "";
}
