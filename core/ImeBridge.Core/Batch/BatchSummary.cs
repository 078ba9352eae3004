namespace ImeBridge.Core.Batch;

/// <summary>Counts for one batch file: every record is exactly one of accepted (newly stored), duplicate (stored before) or rejected.</summary>
public sealed record BatchSummary(long Records, long Accepted, long Duplicates, long Rejected);
