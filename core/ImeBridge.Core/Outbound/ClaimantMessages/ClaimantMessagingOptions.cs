using ImeBridge.Core.Outbound.Timing;

namespace ImeBridge.Core.Outbound.ClaimantMessages;

/// <summary>
/// The <c>claimantMessaging</c> configuration section: the reminder schedule (default and per partner), the scheduling
/// desk's phone that messages give the claimant, and how close to the exam a cancellation counts as late.
/// </summary>
public sealed class ClaimantMessagingOptions
{
    public const string Section = "claimantMessaging";

    /// <summary>The default reminder offsets (7d, 72h, 24h, 2h).</summary>
    public ReminderScheduleOptions Reminders { get; set; } = new();

    /// <summary>Per partner id, a reminder schedule that replaces the default for that partner's referrals.</summary>
    public IDictionary<string, ReminderScheduleOptions> PartnerReminders { get; } = new Dictionary<string, ReminderScheduleOptions>(StringComparer.Ordinal);

    /// <summary>The number claimants call to reschedule or ask, as they should dial it.</summary>
    public string HelpPhone { get; set; } = "";

    /// <summary>A cancellation this close to the exam is late (the claimant is told what follows).</summary>
    public TimeSpan LateCancellationWindow { get; set; } = TimeSpan.FromHours(48);

    public ReminderSchedule ScheduleFor(string partnerId) =>
        PartnerReminders.TryGetValue(partnerId, out var own) ? own.ToSchedule() : Reminders.ToSchedule();
}
