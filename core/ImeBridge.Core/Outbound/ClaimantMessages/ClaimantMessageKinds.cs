namespace ImeBridge.Core.Outbound.ClaimantMessages;

/// <summary>
/// The messages a claimant gets, each with its SMS and email template (null when that channel has none) and whether it
/// concerns the appointment that stands (notice, reminders) or one that just ended (no-show, cancellation).
/// </summary>
public static class ClaimantMessageKinds
{
    public const string Notice = "notice";
    public const string NoShowFollowUp = "no-show-followup";
    public const string Cancelled = "appointment-cancelled";
    public const string LateCancellation = "late-cancellation";
    private const string ReminderPrefix = "reminder-";

    public static bool IsReminder(string kind) => kind.StartsWith(ReminderPrefix, StringComparison.Ordinal);

    /// <summary>True when the message is void unless its appointment still stands.</summary>
    public static bool NeedsStandingAppointment(string kind) => kind == Notice || IsReminder(kind);

    public static string? SmsTemplate(string kind) => kind switch
    {
        Notice => "appointment-notice",
        NoShowFollowUp => "no-show-followup",
        Cancelled => "appointment-cancelled",
        LateCancellation => "late-cancellation",
        _ when IsReminder(kind) => "appointment-reminder",
        _ => null,
    };

    /// <summary>The notice goes by email as the full appointment letter; a reminder's email is the SMS's fallback.</summary>
    public static string? EmailTemplate(string kind) => kind switch
    {
        Notice => "appointment-letter",
        _ when IsReminder(kind) => "appointment-reminder",
        _ => null,
    };

    /// <summary>The ledger's purpose: <c>claimant.notice</c>, <c>claimant.reminder-24h</c> …</summary>
    public static string Purpose(string kind) => "claimant." + kind;

    public static string? KindOfPurpose(string purpose) =>
        purpose.StartsWith("claimant.", StringComparison.Ordinal) ? purpose["claimant.".Length..] : null;
}
