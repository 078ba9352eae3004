namespace ImeBridge.Core.Workflow;

/// <summary>Workflow states a partner reads in <c>status</c> (ARCHITECTURE.md, "The workflow").</summary>
public static class ReferralStatus
{
    public const string Received = "Received";
    public const string Triaged = "Triaged";
    public const string NeedsInfo = "NeedsInfo";
    public const string ExpertMatched = "ExpertMatched";
    public const string DocumentsReady = "DocumentsReady";
    public const string Scheduled = "Scheduled";
    public const string ClaimantNotified = "ClaimantNotified";
    public const string Confirmed = "Confirmed";
    public const string Rescheduled = "Rescheduled";
    public const string NoShow = "NoShow";
    public const string Examined = "Examined";
    public const string ReportReceived = "ReportReceived";
    public const string ReportApproved = "ReportApproved";
    public const string ClarificationRequested = "ClarificationRequested";
    public const string AddendumReceived = "AddendumReceived";
    public const string Delivered = "Delivered";
    public const string Closed = "Closed";
    public const string Rejected = "Rejected";
    public const string Cancelled = "Cancelled";

    /// <summary>The same claim and claimant as an open referral, linked to it instead of starting a second exam.</summary>
    public const string Linked = "Linked";
}
