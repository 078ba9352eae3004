namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>
/// One slot of an expert held for one referral. A referral holds at most one booking; a slot (expert + start) is held
/// by at most one referral. <see cref="LocalDate"/> is the office's local date, which the expert's daily capacity counts.
/// </summary>
public sealed record ExpertBooking(
    string ExpertId,
    DateTimeOffset Start,
    DateOnly LocalDate,
    string OfficeId,
    string ReferralId,
    DateTimeOffset BookedAt);
