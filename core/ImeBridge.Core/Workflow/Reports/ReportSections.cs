namespace ImeBridge.Core.Workflow.Reports;

/// <summary>The sections every IME report must have, by their names in the submission's <c>sections</c> object.</summary>
public static class ReportSections
{
    public static readonly IReadOnlyList<string> Required =
    [
        "history",
        "recordsReviewed",
        "examinationFindings",
        "diagnosis",
        "causation",
        "mmi",
        "impairment",
        "workRestrictions",
        "treatmentRecommendations",
    ];
}
