using ImeBridge.Core.Experts;

namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>A slot that meets every rule for a referral, with its office and the office's local date and time.</summary>
public sealed record SlotOption(AvailabilitySlot Slot, ExpertOffice Office, DateTime LocalStart, DateOnly EarliestAllowed)
{
    public DateOnly LocalDate => DateOnly.FromDateTime(LocalStart);
}
