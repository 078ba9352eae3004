namespace ImeBridge.Core.Outbound.Timing;

/// <summary>
/// Turns an appointment into the claimant messages to schedule: each reminder at its offset before the start, moved
/// out of quiet hours. A reminder that would arrive too late to help is dropped rather than sent at an odd moment.
/// </summary>
public static class ReminderPlanner
{
    /// <summary>A reminder arriving this close to the start (or closer) is no use: the claimant is already on the way.</summary>
    public static readonly TimeSpan MinimumLead = TimeSpan.FromMinutes(30);

    /// <param name="claimantTimeZone">The claimant's IANA zone (quiet hours are the claimant's, not the office's).</param>
    /// <param name="claimantState">The claimant's state, for a stricter window (FL, OK); null for the federal one.</param>
    public static IReadOnlyList<PlannedReminder> Plan(
        DateTimeOffset appointmentStart, DateTimeOffset now, string claimantTimeZone, string? claimantState, ReminderSchedule schedule) =>
        Plan(appointmentStart, now, [claimantTimeZone], claimantState, schedule);

    /// <summary>As above for a claimant who may be in any of several zones: a reminder waits until it is allowed in all.</summary>
    public static IReadOnlyList<PlannedReminder> Plan(
        DateTimeOffset appointmentStart, DateTimeOffset now, IReadOnlyCollection<string> claimantTimeZones, string? claimantState, ReminderSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var planned = new List<PlannedReminder>();
        foreach (var offset in schedule.Offsets)
        {
            var intended = appointmentStart - offset;
            if (intended < now)
            {
                continue;
            }

            var due = QuietHours.NextAllowed(intended, claimantTimeZones, claimantState);
            if (due >= appointmentStart - MinimumLead)
            {
                continue;
            }

            // Offsets run longest first, so a later one landing on the same moment replaces the earlier: the message
            // goes out nearer the appointment than the longer offset meant, and the shorter offset's kind says so.
            planned.RemoveAll(p => p.DueAt == due);
            planned.Add(new PlannedReminder(ReminderOffsets.Kind(offset), offset, due));
        }

        return planned;
    }

    /// <summary>
    /// The appointment notice: now, or the next allowed moment. Null when that moment is not before the appointment
    /// (the claimant cannot be told in time by text; another channel or an operator must).
    /// </summary>
    public static PlannedReminder? Notice(DateTimeOffset now, DateTimeOffset appointmentStart, string claimantTimeZone, string? claimantState) =>
        Notice(now, appointmentStart, [claimantTimeZone], claimantState);

    public static PlannedReminder? Notice(DateTimeOffset now, DateTimeOffset appointmentStart, IReadOnlyCollection<string> claimantTimeZones, string? claimantState)
    {
        var due = QuietHours.NextAllowed(now, claimantTimeZones, claimantState);
        return due < appointmentStart ? new PlannedReminder(PlannedReminder.NoticeKind, appointmentStart - due, due) : null;
    }
}
