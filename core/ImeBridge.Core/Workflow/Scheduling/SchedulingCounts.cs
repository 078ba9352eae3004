using ImeBridge.Core.Ports;

namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>
/// How often a referral was rescheduled or missed its exam, counted from the moves on its timeline: each is written in
/// the same transaction as the move, so a limit holds even before the scheduling step has caught up.
/// </summary>
public static class SchedulingCounts
{
    public static readonly string RescheduledEvent = ReferralWorkflow.EventName(ReferralStatus.Rescheduled);
    public static readonly string NoShowEvent = ReferralWorkflow.EventName(ReferralStatus.NoShow);

    public static int Reschedules(StoredReferral stored) => Count(stored, RescheduledEvent);

    public static int NoShows(StoredReferral stored) => Count(stored, NoShowEvent);

    /// <summary><paramref name="scheduling"/> with its counters brought up to date with the timeline.</summary>
    public static CaseScheduling Counted(CaseScheduling scheduling, StoredReferral stored)
    {
        ArgumentNullException.ThrowIfNull(scheduling);
        return scheduling with { Reschedules = Reschedules(stored), NoShows = NoShows(stored) };
    }

    private static int Count(StoredReferral stored, string eventName)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Timeline.Count(e => e.Event == eventName);
    }
}
