using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound.Timing;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;
using ImeBridge.Core.Workflow.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Outbound.ClaimantMessages;

/// <summary>
/// Schedules the claimant's messages as the appointment changes: on <c>Scheduled</c> the notice (now, or when quiet
/// hours end) and each reminder of the partner's schedule; on <c>NoShow</c> the follow-up; on <c>Cancelled</c> the
/// cancellation notice (a late one when it falls inside <see cref="ClaimantMessagingOptions.LateCancellationWindow"/>).
/// Each is a scheduled queue message whose id names the booking, so a redelivered status change schedules nothing twice.
/// </summary>
public sealed class ClaimantMessagesScheduler(
    IReferralStore store,
    IMessageQueue queue,
    IOperatorAlerts alerts,
    IOptions<ClaimantMessagingOptions> options,
    TimeProvider time,
    ILogger<ClaimantMessagesScheduler> logger) : IMessageHandler
{
    public string MessageType => nameof(ReferralStatusChanged);

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var changed = JsonSerializer.Deserialize<ReferralStatusChanged>(message.Body.Span, MessageJson.Options)
            ?? throw new InvalidOperationException("empty ReferralStatusChanged body");
        if (changed.Status is not (ReferralStatus.Scheduled or ReferralStatus.NoShow or ReferralStatus.Cancelled))
        {
            return;
        }

        var stored = await store.GetAsync(changed.ReferralId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        var messages = changed.Status == ReferralStatus.Scheduled
            ? await ForBookingAsync(stored, cancellationToken)
            : ForEndedAppointment(stored, changed);
        if (messages.Count > 0)
        {
            await queue.SendAsync(messages, cancellationToken);
            logger.LogInformation("Referral {ReferralId}: {Count} claimant messages scheduled on {Status}", stored.ReferralId, messages.Count, changed.Status);
        }
    }

    private async Task<List<QueueMessage>> ForBookingAsync(StoredReferral stored, CancellationToken cancellationToken)
    {
        if (stored.Case.Scheduling?.Appointment is not { } appointment)
        {
            return [];
        }

        var key = AppointmentKey.Of(appointment);
        var now = time.GetUtcNow();
        var (zones, state) = ClaimantWhereabouts.Of(stored, appointment);
        var messages = new List<QueueMessage>();
        if (ReminderPlanner.Notice(now, appointment.Start, zones, state) is { } notice)
        {
            messages.Add(new ClaimantMessageDue(stored.ReferralId, ClaimantMessageKinds.Notice, key).ToQueueMessage(notice.DueAt));
        }
        else
        {
            await alerts.RaiseAsync(
                new OperatorAlert($"claimant.noticeTooLate:{stored.ReferralId}:{key}", "claimant.noticeTooLate", stored.ReferralId, "the exam starts before quiet hours end: call the claimant", now),
                cancellationToken);
        }

        foreach (var reminder in ReminderPlanner.Plan(appointment.Start, now, zones, state, options.Value.ScheduleFor(stored.PartnerId)))
        {
            messages.Add(new ClaimantMessageDue(stored.ReferralId, reminder.Kind, key).ToQueueMessage(reminder.DueAt));
        }

        return messages;
    }

    private List<QueueMessage> ForEndedAppointment(StoredReferral stored, ReferralStatusChanged changed)
    {
        // The scheduling step may or may not have moved the appointment to the history yet.
        var scheduling = stored.Case.Scheduling;
        var ended = scheduling is { History.Count: > 0 } ? scheduling.History[^1].Appointment : null;
        if ((scheduling?.Appointment ?? ended) is not { } appointment)
        {
            return [];
        }

        string kind;
        if (changed.Status == ReferralStatus.NoShow)
        {
            kind = ClaimantMessageKinds.NoShowFollowUp;
        }
        else if (appointment.Start <= changed.At)
        {
            return [];
        }
        else
        {
            kind = appointment.Start - changed.At <= options.Value.LateCancellationWindow ? ClaimantMessageKinds.LateCancellation : ClaimantMessageKinds.Cancelled;
        }

        var (zones, state) = ClaimantWhereabouts.Of(stored, appointment);
        var due = QuietHours.NextAllowed(time.GetUtcNow(), zones, state);
        return [new ClaimantMessageDue(stored.ReferralId, kind, AppointmentKey.Of(appointment)).ToQueueMessage(due)];
    }
}
