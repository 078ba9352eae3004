namespace ImeBridge.Hosting.Workflow;

/// <summary>Body of <c>POST /api/ops/referrals/{referralId}/schedule</c>: why book again, and who asks.</summary>
public sealed record SchedulingRetryRequest(string? Reason, string? Operator);
