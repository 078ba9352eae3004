namespace ImeBridge.Core.Workflow.Reports;

/// <summary>The message types of the report steps. Bodies carry ids, codes and digests only, never report text.</summary>
public static class ReportMessageTypes
{
    /// <summary>The report writer submitted a report or addendum (HTTP → the report handler). Body: <see cref="ReportSubmitted"/>.</summary>
    public const string ReportSubmitted = nameof(ReportSubmitted);

    /// <summary>QA found gaps; for the outbound notifier to tell the expert. Body: <see cref="ReportGapsFound"/>.</summary>
    public const string ReportGapsFound = nameof(ReportGapsFound);

    /// <summary>The referrer reviewed the report (HTTP → the review handler). Body: <see cref="ReportReviewRequested"/>.</summary>
    public const string ReportReviewRequested = nameof(ReportReviewRequested);

    /// <summary>Clarification questions went to the expert; for the outbound notifier. Body: <see cref="ReportClarificationRequested"/>.</summary>
    public const string ReportClarificationRequested = nameof(ReportClarificationRequested);
}

/// <param name="ReportSha256">The PDF in the document store.</param>
/// <param name="SubmissionSha256">The structured part (JSON) in the document store.</param>
public sealed record ReportSubmitted(string ReferralId, string Kind, string ReportSha256, long ReportSize, string SubmissionSha256, DateTimeOffset ReceivedAt);

/// <param name="Gaps">Each gap as a code: <c>question q2 unanswered</c>, <c>section causation missing</c>, <c>unsigned</c> ….</param>
public sealed record ReportGapsFound(string ReferralId, int Version, string Kind, string ReportSha256, string? ExpertId, string? ExpertNpi, IReadOnlyList<string> Gaps);

/// <param name="Decision"><c>approve</c> or <c>clarify</c>.</param>
/// <param name="QuestionsSha256">The reviewer's questions (a JSON array of strings) in the document store; null to send the prepared clarification.</param>
public sealed record ReportReviewRequested(string ReferralId, string Decision, string Actor, string? QuestionsSha256);

/// <param name="QuestionIds">The ids the addendum answers them by; the texts are in the case's clarification.</param>
public sealed record ReportClarificationRequested(string ReferralId, int ForVersion, string? ExpertId, string? ExpertNpi, IReadOnlyList<string> QuestionIds);

/// <summary>The referrer's decisions on a report.</summary>
public static class ReviewDecisions
{
    public const string Approve = "approve";
    public const string Clarify = "clarify";
}
