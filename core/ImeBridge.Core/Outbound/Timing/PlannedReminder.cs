namespace ImeBridge.Core.Outbound.Timing;

/// <summary>One claimant message to schedule on the bus.</summary>
/// <param name="Kind">What it is: <c>appointment-notice</c> or <c>reminder-7d</c>, <c>reminder-72h</c>, …</param>
/// <param name="Offset">How long before the appointment it was meant to go (zero for the notice).</param>
/// <param name="DueAt">When to send it: the intended time moved out of quiet hours.</param>
public sealed record PlannedReminder(string Kind, TimeSpan Offset, DateTimeOffset DueAt)
{
    public const string NoticeKind = "appointment-notice";
}
