namespace ImeBridge.Core.Outbound.ReportDelivery;

/// <summary>
/// One recipient the report must go to, and how: <see cref="Channel"/> is one of <see cref="OutboundChannels"/>, or
/// null when the recipient has no usable address (<see cref="UnreachableReason"/> says what is missing).
/// </summary>
/// <param name="Index">1, 2 … among recipients of the same role (several attorneys); 1 for a single one.</param>
/// <param name="Address">Email address, partner id (webhook, fhir); PHI: stored, never logged.</param>
public sealed record PlannedDelivery(
    string Role,
    int Index,
    string? Name,
    string? Organization,
    string? Channel,
    string? Address,
    bool Required,
    string? UnreachableReason = null)
{
    public bool Unreachable => Channel is null;
}

/// <summary>What the planner decided for one approved report, with the rule it followed.</summary>
public sealed record DeliveryPlan(RecipientRule Rule, IReadOnlyList<PlannedDelivery> Deliveries);
