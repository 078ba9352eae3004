namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>The timeline events the scheduling step records besides its move to Scheduled (<c>referral.scheduled</c>).</summary>
public static class SchedulingEvents
{
    /// <summary>No slot qualifies: why, for operators. The referral stays where it is.</summary>
    public const string Escalated = "schedule.escalated";

    /// <summary>The appointment's slot was given back (no-show, cancelled, closed, rejected).</summary>
    public const string Released = "schedule.released";

    /// <summary>An operator asked to book again, but the referral does not wait for a booking.</summary>
    public const string NotRetried = "schedule.notRetried";
}
