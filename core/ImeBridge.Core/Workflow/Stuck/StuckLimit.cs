namespace ImeBridge.Core.Workflow.Stuck;

/// <summary>How long a referral may stay in <paramref name="Status"/> before an operator is told; null: never swept.</summary>
/// <param name="Why">The rationale from the table, shown in the alert so an operator knows what the limit assumes.</param>
public sealed record StuckLimit(string Status, TimeSpan? Limit, string Why);
