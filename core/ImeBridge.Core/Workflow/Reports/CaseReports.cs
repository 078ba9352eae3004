using System.Text.Json.Serialization;

namespace ImeBridge.Core.Workflow.Reports;

/// <summary>
/// The reports and addenda received (each version with its QA), the clarification prepared from a disagreement with the
/// treating physician and not sent yet, the clarifications sent to the expert, and the approval. The report and answer
/// texts stay in the document store (<see cref="ReportVersion.SubmissionSha256"/>); the case keeps ids, codes and instants.
/// </summary>
public sealed record CaseReports
{
    public static readonly CaseReports Empty = new();

    /// <summary>Every version received, oldest first; numbered from 1 across reports and addenda.</summary>
    public IReadOnlyList<ReportVersion> Versions { get; init; } = [];

    /// <summary>A clarification ImeBridge prepared for the reviewer to send; null when there is none.</summary>
    public Clarification? PreparedClarification { get; init; }

    /// <summary>The clarifications sent to the expert, oldest first.</summary>
    public IReadOnlyList<Clarification> Clarifications { get; init; } = [];

    /// <summary>The latest approval; null until the referrer approves.</summary>
    public ReportApproval? Approval { get; init; }

    [JsonIgnore]
    public ReportVersion? Latest => Versions.Count == 0 ? null : Versions[^1];

    [JsonIgnore]
    public int NextVersion => Versions.Count == 0 ? 1 : Versions.Max(v => v.Version) + 1;

    /// <summary>The newest version of kind <c>report</c> (not an addendum), or null.</summary>
    [JsonIgnore]
    public ReportVersion? LatestReport => Versions.LastOrDefault(v => v.Kind == ReportKinds.Report);

    /// <summary>The clarification an addendum answers: the last one sent.</summary>
    [JsonIgnore]
    public Clarification? LatestClarification => Clarifications.Count == 0 ? null : Clarifications[^1];

    /// <summary>The id the next clarification question gets: <c>c1</c>, <c>c2</c> … across every clarification.</summary>
    public string NextQuestionId(int offset) => "c" + (Clarifications.Sum(c => c.Questions.Count) + offset + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
