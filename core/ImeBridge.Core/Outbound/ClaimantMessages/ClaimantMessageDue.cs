using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow.Scheduling;
using BookingKey = ImeBridge.Core.Outbound.ClaimantMessages.AppointmentKey;

namespace ImeBridge.Core.Outbound.ClaimantMessages;

/// <summary>
/// Queue message: the claimant message of <see cref="Kind"/> about the appointment <see cref="AppointmentKey"/> is due.
/// Scheduled with <c>NotBefore</c> at its time, in the claimant's own session (<c>claimant:{referralId}</c>) so a slow
/// SMS provider never holds up the referral's workflow. A reminder whose appointment was moved or cancelled finds a
/// different (or no) standing appointment when it comes due and is dropped: that is how moving an appointment cancels
/// its reminders.
/// </summary>
public sealed record ClaimantMessageDue(string ReferralId, string Kind, string AppointmentKey)
{
    public const string MessageType = nameof(ClaimantMessageDue);

    public static string SessionOf(string referralId) => "claimant:" + referralId;

    /// <summary>
    /// The appointment this message is about: for a notice or reminder, the standing one, and only while it is the
    /// same booking; for a follow-up, the standing one or the ended one in the history. Null when the message is void.
    /// </summary>
    public CaseAppointment? AppointmentIn(StoredReferral stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var scheduling = stored.Case.Scheduling;
        if (scheduling?.Appointment is { } standing && BookingKey.Of(standing) == AppointmentKey)
        {
            return standing;
        }

        return ClaimantMessageKinds.NeedsStandingAppointment(Kind)
            ? null
            : scheduling?.History.LastOrDefault(p => BookingKey.Of(p.Appointment) == AppointmentKey)?.Appointment;
    }

    /// <summary>The queue message, due at <paramref name="dueAt"/>; its id makes scheduling the same message twice a no-op.</summary>
    public QueueMessage ToQueueMessage(DateTimeOffset? dueAt, string? idSuffix = null) => new(
        MessageId: $"claimant:{Kind}:{ReferralId}:{AppointmentKey}{idSuffix}",
        Type: MessageType,
        SessionId: SessionOf(ReferralId),
        Body: JsonSerializer.SerializeToUtf8Bytes(this, MessageJson.Options),
        NotBefore: dueAt);
}
