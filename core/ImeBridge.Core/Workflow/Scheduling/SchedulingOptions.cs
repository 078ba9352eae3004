namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>
/// Limits of the scheduling step, from the <c>scheduling</c> configuration section. No jurisdiction in the rules
/// table caps reschedules or no-shows (its <c>examLimit</c> counts separate exams), so these are house defaults.
/// </summary>
public sealed class SchedulingOptions
{
    public const string Section = "scheduling";

    /// <summary>How many times a referral may be moved to Rescheduled; the next one is refused.</summary>
    public int MaxReschedules { get; set; } = 2;

    /// <summary>After this many no-shows, a referral in NoShow may only be closed (or cancelled or rejected).</summary>
    public int MaxNoShows { get; set; } = 2;
}
