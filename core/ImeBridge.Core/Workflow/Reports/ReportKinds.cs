namespace ImeBridge.Core.Workflow.Reports;

/// <summary>What the report writer submits: the examiner's <c>report</c>, or an <c>addendum</c> answering a clarification.</summary>
public static class ReportKinds
{
    public const string Report = "report";
    public const string Addendum = "addendum";

    public static readonly IReadOnlyList<string> All = [Report, Addendum];
}
