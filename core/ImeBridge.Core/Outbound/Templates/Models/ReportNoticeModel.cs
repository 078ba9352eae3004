namespace ImeBridge.Core.Outbound.Templates.Models;

/// <summary>
/// A report is ready for a recipient: a secure link and its expiry. The report concerns a referral and a claim — named
/// by their ids only, never by the claimant.
/// </summary>
public sealed class ReportNoticeModel
{
    public string ReferralId { get; set; } = "";
    public string ClaimNumber { get; set; } = "";
    public string Url { get; set; } = "";
    public DateOnly ExpiresOnDate { get; set; }
    public TimeOnly ExpiresAtTime { get; set; }
    public string TimeZoneAbbreviation { get; set; } = "";
}
