namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>The booked appointment and how often it was moved or missed (filled in by the scheduling step).</summary>
public sealed record CaseScheduling;
