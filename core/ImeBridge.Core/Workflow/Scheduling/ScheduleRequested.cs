namespace ImeBridge.Core.Workflow.Scheduling;

/// <summary>
/// Body of the message that asks the scheduling step to try booking again (after an escalation, once the expert has
/// open slots), handled in the referral's session. Ids and words without PHI only.
/// </summary>
/// <param name="Actor"><c>operator:NAME</c>.</param>
public sealed record ScheduleRequested(string ReferralId, string Actor, string Reason)
{
    public const string MessageType = nameof(ScheduleRequested);
}
