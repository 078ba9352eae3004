using ImeBridge.Core.Experts;

namespace ImeBridge.Core.Matching;

/// <summary>
/// One expert weighed for a referral: excluded with the reason, or eligible with the earliest slot that meets the
/// notice rule and the due date (null when none does), how near an office is (in miles when both places are known,
/// else by postal area), and the turnaround.
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

    /// <summary>Great-circle miles from the claimant's ZIP centroid to <see cref="DistanceOffice"/>; null when either place is unknown.</summary>
    public double? Miles { get; init; }

    /// <summary>The office <see cref="Miles"/> is measured to: the slot's office, else the nearest one.</summary>
    public ExpertOffice? DistanceOffice { get; init; }
}

/// <summary>How near the expert's nearest office is to the claimant, by postal area: the fallback when a ZIP is not in the centroid table.</summary>
public enum Proximity
{
    SameZipArea = 0,
    SameState = 1,
    Elsewhere = 2,
}
