namespace ImeBridge.Core.Workflow.Documents;

/// <summary>The exam's document checklist and the expert's packet (filled in by the documents step).</summary>
public sealed record CaseDocuments;
