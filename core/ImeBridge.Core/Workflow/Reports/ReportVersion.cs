namespace ImeBridge.Core.Workflow.Reports;

/// <summary>One report or addendum as received, with what QA found. No report text: that is in the document store.</summary>
/// <param name="Version">1, 2, … in the order received, across reports and addenda.</param>
/// <param name="Kind"><see cref="ReportKinds"/>.</param>
/// <param name="Sha256">The PDF in the document store.</param>
/// <param name="SubmissionSha256">The structured part (answers and section texts) in the document store.</param>
/// <param name="AnsweredQuestionIds">The questions answered with some text, by id.</param>
/// <param name="Sections">The sections present with some text.</param>
/// <param name="MessageId">The <c>ReportSubmitted</c> message it came in: the same submission sent twice is one version.</param>
public sealed record ReportVersion(
    int Version,
    string Kind,
    string Sha256,
    long Size,
    string SubmissionSha256,
    IReadOnlyList<string> AnsweredQuestionIds,
    IReadOnlyList<string> Sections,
    ReportFindings? Findings,
    ReportSignature? Signature,
    DateTimeOffset ReceivedAt,
    ReportQa Qa,
    string MessageId);

/// <summary>The examiner's structured findings, in the vocabulary of the treating physician's opinion (<see cref="Model.OpinionCodes"/>).</summary>
public sealed record ReportFindings(string? Causation, bool? MmiReached, DateOnly? MmiDate, string? WorkRestrictions);

/// <summary>Who signed the report (the examiner, by NPI) and when.</summary>
public sealed record ReportSignature(string? SignerName, string? Npi, DateTimeOffset? SignedAt);

/// <summary>The QA result: passed, or each gap as a code (<c>question q2 unanswered</c>, <c>section causation missing</c>, <c>unsigned</c>).</summary>
public sealed record ReportQa(bool Passed, IReadOnlyList<string> Gaps);

/// <summary>What the referrer approved: <see cref="Sha256"/> is the approved version's PDF, <see cref="Versions"/> the report and addenda it stands for.</summary>
public sealed record ReportApproval(int Version, IReadOnlyList<int> Versions, string Sha256, DateTimeOffset ApprovedAt, string Actor);
