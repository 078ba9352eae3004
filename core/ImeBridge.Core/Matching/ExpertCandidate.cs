using ImeBridge.Core.Experts;

namespace ImeBridge.Core.Matching;

/// <summary>
/// One expert weighed for a referral: excluded with the reason, or eligible with the earliest slot that meets the
/// notice rule and the due date (null when none does), how near an office is, and the turnaround.
/// </summary>
public sealed record ExpertCandidate(
    Expert Expert,
    string? Exclusion,
    AvailabilitySlot? Slot,
    ExpertOffice? SlotOffice,
    Proximity Proximity,
    double? TurnaroundDays)
{
    public bool IsEligible => Exclusion is null;
}

/// <summary>How near the expert's nearest office is to the claimant, by postal area (no coordinates needed).</summary>
public enum Proximity
{
    SameZipArea = 0,
    SameState = 1,
    Elsewhere = 2,
}
