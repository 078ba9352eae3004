namespace ImeBridge.Core.Workflow.Reports;

/// <summary>
/// The structured part of a report or addendum, as the report writer sends it beside the PDF. Holds PHI (answers and
/// section texts): it is kept in the document store and never logged, put in a message or on the timeline.
/// </summary>
/// <param name="Answers">Answer text by question id.</param>
/// <param name="Sections">Section text by section name (<see cref="ReportSections"/>).</param>
public sealed record ReportSubmission(
    string ReferralId,
    string Kind,
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyDictionary<string, string> Sections,
    ReportFindings? Findings,
    ReportSignature? Signature)
{
    public IReadOnlyList<string> AnsweredQuestionIds => [.. Answers.Where(a => !string.IsNullOrWhiteSpace(a.Value)).Select(a => a.Key)];

    public IReadOnlyList<string> SectionsPresent => [.. Sections.Where(s => !string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key)];
}
