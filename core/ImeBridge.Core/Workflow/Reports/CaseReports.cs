namespace ImeBridge.Core.Workflow.Reports;

/// <summary>The reports and addenda received, their QA, and the clarifications asked for (filled in by the report steps).</summary>
public sealed record CaseReports;
